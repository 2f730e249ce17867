package p;

import java.io.IOException;
import java.util.concurrent.CompletionStage;
import kaa.rpc.Channel;
import kaa.rpc.annotation.Expose;

/** SPEC §1's example. */
@Expose
public interface Calculator {
  int add(int a, int b);

  @Expose("do_something")
  String mySomething(int foo);

  CompletionStage<byte[]> fetch(String key) throws IOException;

  void log(Channel caller, String line);

  default int twice(int a) {
    return add(a, a);
  }
}
