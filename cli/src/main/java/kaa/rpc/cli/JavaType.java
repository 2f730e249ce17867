package kaa.rpc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Java type as the runtime's introspection writes it ({@code "int"}, {@code
 * "java.util.Map<java.lang.String, java.util.List<java.lang.Long>>"}, {@code "byte[]"}, {@code
 * "T"}): just enough structure to convert JSON arguments. Wildcards become their upper bound
 * ({@code Object} for {@code ? super X}); type annotations are skipped.
 *
 * @param name the qualified raw type name, {@code java.lang.} added to bare {@code java.lang} names
 *     ({@code String} gives {@code java.lang.String}); a primitive keyword; or a type variable
 * @param arguments the type arguments, empty for a raw or non-generic type
 * @param dimensions the number of array dimensions ({@code ...} counts as one)
 */
record JavaType(String name, List<JavaType> arguments, int dimensions) {

  private static final Set<String> JAVA_LANG =
      Set.of(
          "Object",
          "String",
          "CharSequence",
          "Number",
          "Boolean",
          "Character",
          "Byte",
          "Short",
          "Integer",
          "Long",
          "Float",
          "Double",
          "Void",
          "Iterable",
          "Comparable");

  // After JAVA_LANG, which the constructor reads.
  static final JavaType OBJECT = new JavaType("java.lang.Object", List.of(), 0);

  JavaType {
    name = JAVA_LANG.contains(name) ? "java.lang." + name : name;
    arguments = List.copyOf(arguments);
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException if it is not a Java type
   */
  static JavaType parse(String text) {
    Parser parser = new Parser(text);
    JavaType type = parser.type();
    parser.skipSpace();
    if (parser.pos != text.length()) {
      throw parser.error();
    }
    return type;
  }

  /** The {@code index}th type argument, or {@link #OBJECT} for a raw type. */
  JavaType argument(int index) {
    return index < arguments.size() ? arguments.get(index) : OBJECT;
  }

  /** The element type of an array type. */
  JavaType component() {
    return new JavaType(name, arguments, dimensions - 1);
  }

  /** Whether this is a primitive type such as {@code int} (not an array of one). */
  boolean isPrimitive() {
    return dimensions == 0 && name.indexOf('.') < 0 && Character.isLowerCase(name.charAt(0));
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(name);
    if (!arguments.isEmpty()) {
      s.append('<');
      for (int i = 0; i < arguments.size(); i++) {
        s.append(i == 0 ? "" : ", ").append(arguments.get(i));
      }
      s.append('>');
    }
    return s.append("[]".repeat(dimensions)).toString();
  }

  /** Recursive descent over the grammar of a type use. */
  private static final class Parser {
    private final String text;
    private int pos;

    Parser(String text) {
      this.text = text;
    }

    JavaType type() {
      skipAnnotations();
      if (take("?")) {
        if (takeWord("extends")) {
          return type();
        }
        if (takeWord("super")) {
          type();
        }
        return OBJECT;
      }
      StringBuilder name = new StringBuilder(identifier());
      List<JavaType> arguments = new ArrayList<>();
      while (true) {
        if (take("<")) {
          // Arguments of an enclosing type (Outer<A>.Inner) are dropped: only the last ones count.
          arguments.clear();
          do {
            arguments.add(type());
          } while (take(","));
          expect(">");
        } else if (peek('.') && !text.startsWith("...", pos)) {
          pos++;
          skipAnnotations();
          name.append('.').append(identifier());
        } else {
          break;
        }
      }
      int dimensions = 0;
      while (true) {
        skipAnnotations();
        if (take("[")) {
          expect("]");
          dimensions++;
        } else if (take("...")) {
          dimensions++;
        } else {
          return new JavaType(name.toString(), arguments, dimensions);
        }
      }
    }

    private void skipAnnotations() {
      while (take("@")) {
        identifier();
        while (take(".")) {
          identifier();
        }
        if (take("(")) {
          int depth = 1;
          while (depth > 0 && pos < text.length()) {
            char c = text.charAt(pos++);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
          }
        }
      }
    }

    private String identifier() {
      skipSpace();
      int start = pos;
      while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
        pos++;
      }
      if (start == pos || !Character.isJavaIdentifierStart(text.charAt(start))) {
        throw error();
      }
      return text.substring(start, pos);
    }

    private boolean takeWord(String word) {
      skipSpace();
      int end = pos + word.length();
      if (text.startsWith(word, pos)
          && (end == text.length() || !Character.isJavaIdentifierPart(text.charAt(end)))) {
        pos = end;
        return true;
      }
      return false;
    }

    private boolean peek(char c) {
      skipSpace();
      return pos < text.length() && text.charAt(pos) == c;
    }

    private boolean take(String token) {
      skipSpace();
      if (text.startsWith(token, pos)) {
        pos += token.length();
        return true;
      }
      return false;
    }

    private void expect(String token) {
      if (!take(token)) {
        throw error();
      }
    }

    void skipSpace() {
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
    }

    IllegalArgumentException error() {
      return new IllegalArgumentException(
          "not a Java type at position " + pos + ": \"" + text + "\"");
    }
  }
}
