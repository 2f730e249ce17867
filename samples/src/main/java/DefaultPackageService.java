import kaa.rpc.annotation.Expose;

/** An exposed interface in the default package: generated as {@code DefaultPackageServiceRpc}. */
@Expose
public interface DefaultPackageService {
  String hello(String name);
}
