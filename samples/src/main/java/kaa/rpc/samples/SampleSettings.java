package kaa.rpc.samples;

import java.util.Map;

/**
 * What every sample program shares: the default address (a Unix socket in the per-user
 * directory, so nothing needs set-up) and where the secret comes from.
 */
public final class SampleSettings {
  /** The secret used when {@code KAA_RPC_SECRET} is not set. Fine for a demo, never for real use. */
  public static final String DEMO_SECRET = "kaa-rpc-demo-secret";

  private SampleSettings() {}

  /** The address from the first argument, or {@code defaultName} (a per-user Unix socket). */
  public static String address(String[] args, String defaultName) {
    return args.length > 0 ? args[0] : defaultName;
  }

  /** The secret from {@code KAA_RPC_SECRET}, or the demo secret. */
  public static String secret() {
    return secret(System.getenv());
  }

  static String secret(Map<String, String> env) {
    String secret = env.get("KAA_RPC_SECRET");
    return secret == null || secret.isEmpty() ? DEMO_SECRET : secret;
  }
}
