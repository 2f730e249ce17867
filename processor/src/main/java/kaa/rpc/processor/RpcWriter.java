package kaa.rpc.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.util.Elements;
import kaa.rpc.processor.MethodModel.ParameterModel;
import kaa.rpc.processor.MethodModel.ThrownType;

/**
 * Writes {@code FooRpc} for a {@link ServiceModel} in the shape of grpc-java's {@code FooGrpc}:
 * {@code SERVICE_NAME}, one {@code METHOD_ID_*} constant and one {@code RemoteMethod} descriptor
 * per method, the blocking proxy, the asynchronous proxy (both taking {@code CallOptions}) and the
 * dispatcher with its {@code int} switch, all thin code that calls the runtime's {@code
 * kaa.rpc.spi}.
 */
final class RpcWriter {
  private static final String SPI = "kaa.rpc.spi";
  private static final ClassName CHANNEL = ClassName.get("kaa.rpc", "Channel");
  private static final ClassName CALL_OPTIONS = ClassName.get("kaa.rpc", "CallOptions");
  private static final ClassName DURATION = ClassName.get("java.time", "Duration");
  private static final ClassName CALLS = ClassName.get(SPI, "Calls");
  private static final ClassName DISPATCHER = ClassName.get(SPI, "Dispatcher");
  private static final ClassName FUNCTION_INFO = ClassName.get(SPI, "FunctionInfo");
  private static final ClassName GENERATED_RPC = ClassName.get(SPI, "GeneratedRpc");
  private static final ClassName REMOTE_METHOD = ClassName.get(SPI, "RemoteMethod");
  private static final ClassName TYPE_REGISTRY = ClassName.get(SPI, "TypeRegistry");
  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");
  private static final ClassName COMPLETABLE_FUTURE =
      ClassName.get("java.util.concurrent", "CompletableFuture");
  private static final ClassName LIST = ClassName.get("java.util", "List");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final TypeName OBJECT_ARRAY = ArrayTypeName.of(ClassName.OBJECT);
  private static final String PROCESSOR = "kaa.rpc.processor.ExposeProcessor";
  private static final String SERVICE_NAME = "SERVICE_NAME";
  private static final String WITH_TIMEOUT = "withTimeout";
  private static final String WITH_OPTIONS = "withOptions";

  private final Elements elements;

  RpcWriter(Elements elements) {
    this.elements = elements;
  }

  JavaFile write(ServiceModel model) {
    return new FileWriter(model).file();
  }

  /** The state of writing one file: the names allocated in it. */
  private final class FileWriter {
    private final ServiceModel model;
    private final ClassName rpc;
    private final List<String> constants = new ArrayList<>();
    private final List<String> methodIds = new ArrayList<>();
    private final String functions;
    private final ClassName async;
    private final ClassName proxy;
    private final ClassName asyncProxy;
    private final ClassName dispatch;

    FileWriter(ServiceModel model) {
      this.model = model;
      this.rpc = model.rpcName();
      NameAllocator fieldNames = new NameAllocator();
      reserve(fieldNames, SERVICE_NAME);
      // Method ids are read only in this class and the dispatcher, which no user name reaches.
      for (MethodModel method : model.methods()) {
        methodIds.add(fieldNames.newName("METHOD_ID_" + upperSnake(method.javaName())));
      }
      // Descriptors are read inside proxy methods, where a user's parameter or an inherited
      // interface constant of the same name would hide them: those names are taken first.
      for (MethodModel method : model.methods()) {
        for (ParameterModel parameter : method.parameters()) {
          reserve(fieldNames, parameter.name());
        }
      }
      for (Element member : elements.getAllMembers(model.element())) {
        if (member.getKind() == ElementKind.FIELD) {
          reserve(fieldNames, member.getSimpleName().toString());
        }
      }
      this.functions = fieldNames.newName("FUNCTIONS");
      for (MethodModel method : model.methods()) {
        constants.add(fieldNames.newName(upperSnake(method.javaName())));
      }
      // Nested classes must not be hidden by the interface's member types, which the proxy
      // inherits, nor hide the types the signatures name.
      NameAllocator typeNames = new NameAllocator();
      reserve(typeNames, "Async");
      reserve(typeNames, model.interfaceName().simpleName());
      for (Element member : elements.getAllMembers(model.element())) {
        if (member.getKind().isClass() || member.getKind().isInterface()) {
          reserve(typeNames, member.getSimpleName().toString());
        }
      }
      for (TypeName type : model.allowedTypes()) {
        if (type instanceof ClassName className) {
          reserve(typeNames, className.simpleName());
        }
      }
      this.async = rpc.nestedClass("Async");
      this.proxy = rpc.nestedClass(typeNames.newName("Proxy"));
      this.asyncProxy = rpc.nestedClass(typeNames.newName("AsyncProxy"));
      this.dispatch = rpc.nestedClass(typeNames.newName("Dispatch"));
    }

    JavaFile file() {
      TypeSpec.Builder type =
          TypeSpec.classBuilder(rpc)
              .addOriginatingElement(model.element())
              .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
              .addJavadoc(
                  "Generated by kaa-rpc for {@link $T}: a blocking proxy, an asynchronous proxy"
                      + "\nand a dispatcher.\n",
                  model.interfaceName());
      if (GeneratedAnnotationCheck.usableBeside(elements, model.element())) {
        type.addAnnotation(
            AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build());
      }
      if (!model.deprecationWarnings().isEmpty()) {
        // The generated class must name what the interface names, deprecated or not.
        AnnotationSpec.Builder suppress = AnnotationSpec.builder(SuppressWarnings.class);
        for (String warning : new TreeSet<>(model.deprecationWarnings())) {
          suppress.addMember("value", "$S", warning);
        }
        type.addAnnotation(suppress.build());
      }
      // A parameter named like a type the generated code names (say "Calls") would obscure that
      // type in a qualified call such as Calls.async(...); JavaPoet then writes it fully qualified.
      String[] parameterNames =
          model.methods().stream()
              .flatMap(method -> method.parameters().stream())
              .map(MethodModel.ParameterModel::name)
              .distinct()
              .sorted()
              .toArray(String[]::new);
      type.alwaysQualify(parameterNames);
      type.addAnnotation(
          AnnotationSpec.builder(GENERATED_RPC)
              .addMember("value", "$T.class", model.interfaceName())
              .build());
      type.addField(
          FieldSpec.builder(
                  String.class, SERVICE_NAME, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
              .addJavadoc(
                  "The name of the service, as calls and messages name it: {@link $T}'s.\n",
                  model.interfaceName())
              .initializer("$S", model.serviceName())
              .build());
      for (int i = 0; i < model.methods().size(); i++) {
        type.addField(
            FieldSpec.builder(
                    int.class, methodIds.get(i), Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                .initializer("$L", i)
                .build());
      }
      for (int i = 0; i < model.methods().size(); i++) {
        type.addField(remoteMethod(model.methods().get(i), constants.get(i), methodIds.get(i)));
      }
      type.addField(functionList());
      if (!model.allowedTypes().isEmpty()) {
        CodeBlock classes =
            model.allowedTypes().stream()
                .map(allowed -> CodeBlock.of("$T.class", allowed))
                .collect(CodeBlock.joining(",$W"));
        type.addStaticBlock(CodeBlock.of("$T.allow($L);\n", TYPE_REGISTRY, classes));
      }
      type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
      type.addMethod(proxyFactory());
      type.addMethod(proxyWithOptionsFactory());
      type.addMethod(asyncFactory());
      type.addMethod(asyncWithOptionsFactory());
      type.addMethod(dispatcherFactory());
      type.addType(asyncInterface());
      type.addType(proxyClass());
      type.addType(asyncProxyClass());
      type.addType(dispatchClass());
      return JavaFile.builder(rpc.packageName(), type.build())
          .skipJavaLangImports(true)
          .indent("  ")
          .build();
    }

    /** The method's one descriptor, which serves the proxies, the dispatcher and introspection. */
    private FieldSpec remoteMethod(MethodModel method, String constant, String methodId) {
      CodeBlock.Builder init =
          CodeBlock.builder()
              .add(
                  "$T.builder($N,$W$N,$W$S)\n$>$>",
                  REMOTE_METHOD,
                  SERVICE_NAME,
                  methodId,
                  method.javaName());
      if (!method.exposedName().equals(method.javaName())) {
        init.add(".exposedAs($S)\n", method.exposedName());
      }
      for (ParameterModel parameter : method.sentParameters()) {
        init.add(
            ".parameter($S, $T.class, $S)\n",
            parameter.name(),
            parameter.erasure(),
            parameter.typeText());
      }
      switch (method.returnKind()) {
        case VOID -> init.add(".returnsVoid()\n");
        case PLAIN ->
            init.add(
                ".returnsValue($T.class, $S)\n", method.resultClass(), method.returnTypeText());
        default ->
            init.add(
                ".returnsAsync($T.class, $S)\n", method.resultClass(), method.returnTypeText());
      }
      for (ThrownType thrown : method.thrown()) {
        if (thrown.messageConstructor()) {
          init.add(".throwing($T.class, $T::new)\n", thrown.type(), thrown.type());
        } else {
          init.add(".throwing($T.class, null)\n", thrown.type());
        }
      }
      return FieldSpec.builder(
              REMOTE_METHOD, constant, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer(init.add(".build()$<$<").build())
          .build();
    }

    private FieldSpec functionList() {
      CodeBlock descriptors =
          constants.stream().map(name -> CodeBlock.of("$N", name)).collect(CodeBlock.joining(",$W"));
      return FieldSpec.builder(
              ParameterizedTypeName.get(LIST, FUNCTION_INFO),
              functions,
              Modifier.PRIVATE,
              Modifier.STATIC,
              Modifier.FINAL)
          .initializer("$T.functions($L)", REMOTE_METHOD, descriptors)
          .build();
    }

    private MethodSpec proxyFactory() {
      return MethodSpec.methodBuilder("proxy")
          .addJavadoc(
              "Returns a proxy that calls {@code channel}'s peer: each method sends the call and"
                  + " waits\nfor its result, up to the channel's call timeout; methods returning a"
                  + " {@code CompletionStage}\nor {@code CompletableFuture} do not wait. Default"
                  + " methods and {@code equals}, {@code hashCode}\nand {@code toString} run"
                  + " locally.\n")
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addTypeVariables(model.typeVariables())
          .returns(model.interfaceType())
          .addParameter(CHANNEL, "channel")
          .addStatement("return proxy(channel, $T.defaults())", CALL_OPTIONS)
          .build();
    }

    private MethodSpec proxyWithOptionsFactory() {
      return MethodSpec.methodBuilder("proxy")
          .addJavadoc(
              "Returns a proxy like {@link #proxy(Channel)} whose calls follow {@code options}:"
                  + " with a\ntimeout there, each call fails with {@code RpcTimeoutException}"
                  + " that long after it is made\ninstead of after the channel's call"
                  + " timeout.\n")
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addTypeVariables(model.typeVariables())
          .returns(model.interfaceType())
          .addParameter(CHANNEL, "channel")
          .addParameter(CALL_OPTIONS, "options")
          .addStatement(
              "return new $L($T.requireNonNull(channel, $S),$W$T.requireNonNull(options, $S))",
              diamond(proxy),
              OBJECTS,
              "channel",
              OBJECTS,
              "options")
          .build();
    }

    private MethodSpec asyncFactory() {
      return MethodSpec.methodBuilder("async")
          .addJavadoc(
              "Returns a proxy that calls {@code channel}'s peer without waiting: each method"
                  + " returns a\nfuture of the result, failed with {@code RpcTimeoutException}"
                  + " after the channel's call\ntimeout unless {@code withTimeout} says"
                  + " otherwise.\n")
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addTypeVariables(model.typeVariables())
          .returns(generic(async))
          .addParameter(CHANNEL, "channel")
          .addStatement("return async(channel, $T.defaults())", CALL_OPTIONS)
          .build();
    }

    private MethodSpec asyncWithOptionsFactory() {
      return MethodSpec.methodBuilder("async")
          .addJavadoc(
              "Returns a proxy like {@link #async(Channel)} whose calls follow {@code options}.\n")
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addTypeVariables(model.typeVariables())
          .returns(generic(async))
          .addParameter(CHANNEL, "channel")
          .addParameter(CALL_OPTIONS, "options")
          .addStatement(
              "return new $L($T.requireNonNull(channel, $S),$W$T.requireNonNull(options, $S))",
              diamond(asyncProxy),
              OBJECTS,
              "channel",
              OBJECTS,
              "options")
          .build();
    }

    private MethodSpec dispatcherFactory() {
      return MethodSpec.methodBuilder("dispatcher")
          .addJavadoc(
              "Returns the dispatcher that serves {@code implementation}'s exposed methods to a"
                  + " peer.\n")
          .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
          .addTypeVariables(model.typeVariables())
          .returns(DISPATCHER)
          .addParameter(model.interfaceType(), "implementation")
          .addStatement(
              "return new $L($T.requireNonNull(implementation, $S))",
              diamond(dispatch),
              OBJECTS,
              "implementation")
          .build();
    }

    private TypeSpec asyncInterface() {
      TypeSpec.Builder type =
          TypeSpec.interfaceBuilder(async)
              .addJavadoc(
                  "The methods of {@link $T}, each returning a future of its result instead of"
                      + " waiting;\n{@code Channel} parameters are left out.\n",
                  model.interfaceName())
              .addModifiers(Modifier.PUBLIC)
              .addTypeVariables(model.typeVariables());
      if (!takesOnly(WITH_TIMEOUT, DURATION)) {
        type.addMethod(
            withTimeoutSignature(false)
                .addJavadoc(
                    "Returns a proxy like this one whose calls fail with {@code"
                        + " RpcTimeoutException}\n{@code timeout} after they are made, instead of"
                        + " after the channel's call timeout.\n\n@throws"
                        + " IllegalArgumentException if {@code timeout} is not positive\n")
                .addModifiers(Modifier.ABSTRACT)
                .build());
      }
      if (!takesOnly(WITH_OPTIONS, CALL_OPTIONS)) {
        type.addMethod(
            withOptionsSignature(false)
                .addJavadoc("Returns a proxy like this one whose calls follow {@code options}.\n")
                .addModifiers(Modifier.ABSTRACT)
                .build());
      }
      for (MethodModel method : model.methods()) {
        type.addMethod(
            asyncSignature(method, false)
                .addJavadoc(
                    "Calls {@code $L} on the peer; the future completes with its result.\n",
                    method.javaName())
                .addModifiers(Modifier.ABSTRACT)
                .build());
      }
      return type.build();
    }

    /**
     * True if an exposed method named {@code name} takes one sent parameter erased to {@code
     * type}: the asynchronous proxy then has that method, and cannot have ours of that signature.
     */
    private boolean takesOnly(String name, ClassName type) {
      return model.methods().stream()
          .anyMatch(
              method ->
                  method.javaName().equals(name)
                      && method.sentParameters().size() == 1
                      && method.sentParameters().get(0).erasure().equals(type));
    }

    private MethodSpec.Builder withTimeoutSignature(boolean override) {
      return reconfiguring(WITH_TIMEOUT, DURATION, "timeout", override);
    }

    private MethodSpec.Builder withOptionsSignature(boolean override) {
      return reconfiguring(WITH_OPTIONS, CALL_OPTIONS, "options", override);
    }

    /** {@code Async name(Type parameter)}: a method of {@code Async} giving a changed copy. */
    private MethodSpec.Builder reconfiguring(
        String name, ClassName type, String parameter, boolean override) {
      MethodSpec.Builder builder = MethodSpec.methodBuilder(name);
      if (override) {
        builder.addAnnotation(Override.class);
      }
      return builder
          .addModifiers(Modifier.PUBLIC)
          .returns(generic(async))
          .addParameter(type, parameter);
    }

    private MethodSpec.Builder asyncSignature(MethodModel method, boolean override) {
      MethodSpec.Builder builder = MethodSpec.methodBuilder(method.javaName());
      if (override) {
        builder.addAnnotation(Override.class);
      }
      builder
              .addModifiers(Modifier.PUBLIC)
              .addTypeVariables(method.typeVariables())
              .returns(ParameterizedTypeName.get(COMPLETABLE_FUTURE, method.resultType()))
              .varargs(method.varargs());
      for (ParameterModel parameter : method.sentParameters()) {
        builder.addParameter(parameter.type(), parameter.name());
      }
      suppress(builder, method.rawTypes(), method.heapPollution());
      return builder;
    }

    private TypeSpec proxyClass() {
      TypeSpec.Builder type =
          TypeSpec.classBuilder(proxy)
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .addTypeVariables(model.typeVariables())
              .addSuperinterface(model.interfaceType())
              .avoidClashesWithNestedClasses(model.element());
      addChannelFields(type);
      for (int i = 0; i < model.methods().size(); i++) {
        MethodModel method = model.methods().get(i);
        MethodSpec.Builder builder = overriding(method);
        CodeBlock call =
            CodeBlock.of(
                "$T.$L(this.channel, this.options, $N,$W$L)",
                CALLS,
                method.returnKind().isAsync() ? "async" : "blocking",
                constants.get(i),
                argumentArray(method));
        if (method.returnKind() == MethodModel.ReturnKind.VOID) {
          builder.addStatement("$L", call);
        } else {
          builder.addStatement("return $L", call);
        }
        type.addMethod(builder.build());
      }
      addObjectMethods(type, "proxy", proxy);
      return type.build();
    }

    /**
     * The proxy's override of {@code method}, with the signature as resolved in the exposed
     * interface. (JavaPoet's {@code MethodSpec.overriding} cannot be used: it fails on a type
     * variable with several bounds.)
     */
    private MethodSpec.Builder overriding(MethodModel method) {
      MethodSpec.Builder builder =
          MethodSpec.methodBuilder(method.javaName())
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .addTypeVariables(method.typeVariables())
              .returns(method.returnType())
              .varargs(method.varargs());
      for (ParameterModel parameter : method.parameters()) {
        builder.addParameter(ParameterSpec.builder(parameter.type(), parameter.name()).build());
      }
      for (ThrownType thrown : method.thrown()) {
        builder.addException(thrown.type());
      }
      suppress(builder, method.rawTypes(), method.heapPollution());
      return builder;
    }

    private TypeSpec asyncProxyClass() {
      TypeSpec.Builder type =
          TypeSpec.classBuilder(asyncProxy)
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .addTypeVariables(model.typeVariables())
              .addSuperinterface(generic(async));
      addChannelFields(type);
      if (!takesOnly(WITH_TIMEOUT, DURATION)) {
        type.addMethod(
            withTimeoutSignature(true)
                .addStatement(
                    "return new $L(this.channel, this.options.withTimeout(timeout))",
                    diamond(asyncProxy))
                .build());
      }
      if (!takesOnly(WITH_OPTIONS, CALL_OPTIONS)) {
        type.addMethod(
            withOptionsSignature(true)
                .addStatement(
                    "return new $L(this.channel, $T.requireNonNull(options, $S))",
                    diamond(asyncProxy),
                    OBJECTS,
                    "options")
                .build());
      }
      for (int i = 0; i < model.methods().size(); i++) {
        MethodModel method = model.methods().get(i);
        type.addMethod(
            asyncSignature(method, true)
                .addStatement(
                    "return $T.async(this.channel, this.options, $N,$W$L)",
                    CALLS,
                    constants.get(i),
                    argumentArray(method))
                .build());
      }
      addObjectMethods(type, "async", asyncProxy);
      return type.build();
    }

    private void addChannelFields(TypeSpec.Builder type) {
      type.addField(CHANNEL, "channel", Modifier.PRIVATE, Modifier.FINAL)
          .addField(CALL_OPTIONS, "options", Modifier.PRIVATE, Modifier.FINAL)
          .addMethod(
              MethodSpec.constructorBuilder()
                  .addParameter(CHANNEL, "channel")
                  .addParameter(CALL_OPTIONS, "options")
                  .addStatement("this.channel = channel")
                  .addStatement("this.options = options")
                  .build());
    }

    /**
     * {@code toString}, and equality by channel and options: such proxies are interchangeable.
     */
    private void addObjectMethods(TypeSpec.Builder type, String factory, ClassName self) {
      type.addMethod(
              MethodSpec.methodBuilder("toString")
                  .addAnnotation(Override.class)
                  .addModifiers(Modifier.PUBLIC)
                  .returns(String.class)
                  .addStatement(
                      "return $T.describe($S, this.channel, this.options)",
                      CALLS,
                      rpc.simpleName() + "." + factory)
                  .build())
          .addMethod(
              MethodSpec.methodBuilder("equals")
                  .addAnnotation(Override.class)
                  .addModifiers(Modifier.PUBLIC)
                  .returns(boolean.class)
                  .addParameter(Object.class, "other")
                  .addStatement(
                      "return other instanceof $T\n&& (($T) other).channel == this.channel\n"
                          + "&& (($T) other).options.equals(this.options)",
                      wildcard(self),
                      wildcard(self),
                      wildcard(self))
                  .build())
          .addMethod(
              MethodSpec.methodBuilder("hashCode")
                  .addAnnotation(Override.class)
                  .addModifiers(Modifier.PUBLIC)
                  .returns(int.class)
                  .addStatement("return this.channel.hashCode()")
                  .build());
    }

    /** {@code new Object[] {a, b}} of the sent parameters. */
    private CodeBlock argumentArray(MethodModel method) {
      List<ParameterModel> sent = method.sentParameters();
      if (sent.isEmpty()) {
        return CodeBlock.of("new $T[0]", Object.class);
      }
      return CodeBlock.of(
          "new $T[] {$L}",
          Object.class,
          sent.stream().map(p -> CodeBlock.of("$N", p.name())).collect(CodeBlock.joining(", ")));
    }

    private TypeSpec dispatchClass() {
      NameAllocator helperNames = new NameAllocator();
      for (String taken : List.of("serviceName", "functions", "invoke", "implementation")) {
        reserve(helperNames, taken);
      }
      TypeSpec.Builder type =
          TypeSpec.classBuilder(dispatch)
              .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
              .addTypeVariables(model.typeVariables())
              .addSuperinterface(DISPATCHER)
              .addField(
                  model.interfaceType(), "implementation", Modifier.PRIVATE, Modifier.FINAL)
              .addMethod(
                  MethodSpec.constructorBuilder()
                      .addParameter(model.interfaceType(), "implementation")
                      .addStatement("this.implementation = implementation")
                      .build())
              .addMethod(
                  MethodSpec.methodBuilder("serviceName")
                      .addAnnotation(Override.class)
                      .addModifiers(Modifier.PUBLIC)
                      .returns(String.class)
                      .addStatement("return $N", SERVICE_NAME)
                      .build())
              .addMethod(
                  MethodSpec.methodBuilder("functions")
                      .addAnnotation(Override.class)
                      .addModifiers(Modifier.PUBLIC)
                      .returns(ParameterizedTypeName.get(LIST, FUNCTION_INFO))
                      .addStatement("return $N", functions)
                      .build());

      CodeBlock.Builder cases = CodeBlock.builder().beginControlFlow("switch (function)");
      boolean unchecked = false;
      boolean rawTypes = false;
      List<MethodSpec> helpers = new ArrayList<>();
      for (int i = 0; i < model.methods().size(); i++) {
        MethodModel method = model.methods().get(i);
        cases.add("case $N:\n$>", methodIds.get(i));
        if (method.isGeneric()) {
          // A generic method's type variables are only in scope in a generic method: call it
          // from one, so its arguments can be cast to their exact types.
          String helper = helperNames.newName(method.javaName());
          MethodSpec.Builder builder =
              MethodSpec.methodBuilder(helper)
                  .addModifiers(Modifier.PRIVATE)
                  .addTypeVariables(method.typeVariables())
                  .returns(Object.class)
                  .addParameter(CHANNEL, "caller")
                  .addParameter(OBJECT_ARRAY, "args")
                  .addException(Exception.class);
          addCall(builder, method, true);
          suppress(builder, method.rawTypes(), !allReifiable(method));
          helpers.add(builder.build());
          cases.addStatement("return $N(caller, args)", helper);
        } else {
          MethodSpec.Builder inline = MethodSpec.methodBuilder("unused");
          addCall(inline, method, false);
          cases.add(inline.build().code());
          unchecked |= !allReifiable(method);
          rawTypes |= method.rawTypes();
        }
        cases.add("$<");
      }
      cases.add("default:\n$>throw new $T(function);\n$<", AssertionError.class);
      cases.endControlFlow();

      MethodSpec.Builder invoke =
          MethodSpec.methodBuilder("invoke")
              .addAnnotation(Override.class)
              .addModifiers(Modifier.PUBLIC)
              .returns(Object.class)
              .addParameter(int.class, "function")
              .addParameter(CHANNEL, "caller")
              .addParameter(OBJECT_ARRAY, "args")
              .addException(Exception.class)
              .addCode(cases.build());
      suppress(invoke, rawTypes, unchecked);
      return type.addMethod(invoke.build()).addMethods(helpers).build();
    }

    /** Adds {@code return implementation.m((A) args[0], caller);} or its {@code void} form. */
    private void addCall(MethodSpec.Builder builder, MethodModel method, boolean typeWitness) {
      CodeBlock.Builder arguments = CodeBlock.builder();
      int sent = 0;
      for (int i = 0; i < method.parameters().size(); i++) {
        ParameterModel parameter = method.parameters().get(i);
        if (i > 0) {
          arguments.add(",$W");
        }
        if (parameter.channel()) {
          arguments.add("caller");
        } else if (parameter.type().equals(ClassName.OBJECT)) {
          arguments.add("args[$L]", sent++);
        } else {
          arguments.add("($T) args[$L]", parameter.type(), sent++);
        }
      }
      CodeBlock witness =
          typeWitness
              ? CodeBlock.of(
                  "<$L>",
                  method.typeVariables().stream()
                      .map(variable -> CodeBlock.of("$T", TypeVariableName.get(variable.name())))
                      .collect(CodeBlock.joining(", ")))
              : CodeBlock.of("");
      CodeBlock call =
          CodeBlock.of(
              "this.implementation.$L$N($L)", witness, method.javaName(), arguments.build());
      if (method.returnKind() == MethodModel.ReturnKind.VOID) {
        builder.addStatement("$L", call).addStatement("return null");
      } else {
        builder.addStatement("return $L", call);
      }
    }

    private boolean allReifiable(MethodModel method) {
      return method.sentParameters().stream().allMatch(ParameterModel::reifiable);
    }

    private void suppress(MethodSpec.Builder builder, boolean rawTypes, boolean unchecked) {
      Set<String> warnings = new TreeSet<>();
      if (rawTypes) {
        warnings.add("rawtypes");
      }
      if (unchecked) {
        warnings.add("unchecked");
      }
      if (warnings.size() == 1) {
        builder.addAnnotation(
            AnnotationSpec.builder(SuppressWarnings.class)
                .addMember("value", "$S", warnings.iterator().next())
                .build());
      } else if (!warnings.isEmpty()) {
        AnnotationSpec.Builder annotation = AnnotationSpec.builder(SuppressWarnings.class);
        for (String warning : warnings) {
          annotation.addMember("value", "$S", warning);
        }
        builder.addAnnotation(annotation.build());
      }
    }

    /** {@code Proxy<T>} for a generic interface, else {@code Proxy}. */
    private TypeName generic(ClassName nested) {
      return model.isGeneric()
          ? ParameterizedTypeName.get(nested, model.typeVariables().toArray(TypeName[]::new))
          : nested;
    }

    /** {@code Proxy<>} for a generic interface, else {@code Proxy}. */
    private CodeBlock diamond(ClassName nested) {
      return model.isGeneric() ? CodeBlock.of("$T<>", nested) : CodeBlock.of("$T", nested);
    }

    /** {@code Proxy<?>} for a generic interface, else {@code Proxy}. */
    private TypeName wildcard(ClassName nested) {
      if (!model.isGeneric()) {
        return nested;
      }
      TypeName[] wildcards = new TypeName[model.typeVariables().size()];
      Arrays.fill(wildcards, WildcardTypeName.subtypeOf(Object.class));
      return ParameterizedTypeName.get(nested, wildcards);
    }
  }

  /** Takes {@code name} in {@code names} (once: taking it again would take {@code name_}). */
  private static void reserve(NameAllocator names, String name) {
    try {
      names.get(name);
    } catch (IllegalArgumentException notYetTaken) {
      names.newName(name, name);
    }
  }

  /** {@code doSomething} → {@code DO_SOMETHING}. */
  static String upperSnake(String javaName) {
    return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
  }
}
