/** Serves {@link DefaultPackageService}. */
public final class DefaultPackageServiceImpl implements DefaultPackageService {
  @Override
  public String hello(String name) {
    return "hello " + name;
  }
}
