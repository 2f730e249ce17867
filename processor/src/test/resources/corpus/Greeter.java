import kaa.rpc.annotation.Expose;

/** An interface in the default package. */
public interface Greeter {
  @Expose
  String greet(String name);

  @Expose("greet.many")
  String[] greet(String... names);
}
