package p;

import java.util.List;
import kaa.rpc.annotation.Expose;

/** Deprecated members and raw types: generated code must still compile without warnings. */
@Expose
@Deprecated
public interface Legacy {
  @Deprecated
  int old(int a);

  @Deprecated(forRemoval = true)
  void gone();

  @SuppressWarnings("rawtypes")
  List raw(List values);

  @SuppressWarnings("unchecked")
  <T> List<T> many(List<T>... lists);
}
