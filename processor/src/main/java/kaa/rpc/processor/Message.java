package kaa.rpc.processor;

import java.util.Locale;

/**
 * Every diagnostic the processor prints. Each has a stable tag, printed as {@code [kaa-rpc:tag]},
 * that tests and users can search for; the text says what is wrong and how to fix it.
 */
enum Message {
  NOT_AN_INTERFACE(
      "not-interface",
      "@Expose is on %s %s, but only interfaces can be exposed; declare the remote methods in an"
          + " interface, put @Expose on it and implement it in the %s"),
  NAMED_INTERFACE(
      "named-interface",
      "@Expose(\"%s\") on interface %s: a name is only allowed on methods; write @Expose without"
          + " a value on the interface and @Expose(\"...\") on the methods to rename"),
  METHOD_NOT_IN_INTERFACE(
      "method-not-in-interface",
      "@Expose is on method %s of %s %s; only methods of an interface can be exposed; move the"
          + " method to an interface"),
  NOT_ABSTRACT(
      "not-abstract",
      "@Expose is on %s method %s, but only abstract interface methods are remote (default methods"
          + " run locally in the proxy, static and private ones are never called through it);"
          + " remove @Expose or make the method abstract"),
  BLANK_NAME(
      "blank-name",
      "@Expose(\"%s\") on %s: the exposed name is blank; give a non-blank name or use @Expose"
          + " without a value to expose the method under its Java name"),
  RESERVED_NAME(
      "reserved-name",
      "@Expose(\"%s\") on %s: names starting with \"kaa.\" are reserved for the runtime; choose"
          + " another name"),
  DUPLICATE_NAME(
      "duplicate-name",
      "\"%s\" is exposed twice in %s: by %s and by %s; give one of them @Expose(\"...\") with"
          + " another name"),
  UNEXPOSED_METHOD(
      "unexposed-method",
      "abstract method %s of %s is not exposed, but %s has exposed methods and its proxy must"
          + " implement every abstract method; add @Expose to the method, @Expose to the"
          + " interface, or a default implementation"),
  ASYNC_CLASH(
      "async-clash",
      "%s and %s have the same parameters once Channel parameters are left out, so %s.Async"
          + " cannot have both; rename one of them"),
  UNSUPPORTED_STAGE(
      "unsupported-stage",
      "%s returns %s, a CompletionStage that a proxy cannot create; declare the result as"
          + " CompletionStage<T> or CompletableFuture<T>"),
  THROWS_THROWABLE(
      "throws-throwable",
      "%s declares %s, a checked Throwable that is not an Exception, which the dispatcher cannot"
          + " pass on; declare Exception or a subclass of it instead"),
  INACCESSIBLE_TYPE(
      "inaccessible-type",
      "%s is private (or enclosed in a private type) and cannot be used by the generated %s;"
          + " make it at least package-private"),
  RUNTIME_MISSING(
      "runtime-missing",
      "kaa-rpc-runtime is not on the compile classpath, so code for %s cannot be generated; add"
          + " the org.kaa:kaa-rpc-runtime dependency"),
  UNRESOLVED_TYPE(
      "unresolved-type",
      "%s was not generated because the type %s in %s could not be resolved; fix the errors about"
          + " it (or the processor that should generate it)"),
  UNREBUILDABLE_EXCEPTION(
      "unrebuildable-exception",
      "%s declares %s, which %s, so the caller cannot rebuild it: a remote %s arrives as"
          + " kaa.rpc.RemoteException and skips a catch of %s; %s (or write"
          + " @SuppressWarnings(\"kaa-rpc:unrebuildable-exception\") on the method to accept"
          + " this)"),
  WRITE_FAILED("write-failed", "could not write %s: %s"),
  CRASH(
      "crash",
      "kaa-rpc's processor failed on %s; this is a bug in kaa-rpc, please report it with this"
          + " trace:%n%s");

  private final String tag;
  private final String template;

  Message(String tag, String template) {
    this.tag = tag;
    this.template = template;
  }

  /** The tag as printed, e.g. {@code [kaa-rpc:duplicate-name]}. */
  String tag() {
    return "[kaa-rpc:" + tag + "]";
  }

  /** The full diagnostic text: the tag, a space, and the template filled with {@code args}. */
  String format(Object... args) {
    return tag() + " " + String.format(Locale.ROOT, template, args);
  }
}
