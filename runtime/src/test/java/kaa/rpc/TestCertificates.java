package kaa.rpc;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.net.ssl.SSLException;

/**
 * Certificates made when the tests run: a certificate authority, a server certificate it signed for
 * 127.0.0.1 and localhost, a client certificate it signed, and a second authority that signed
 * nothing the tests trust. Built once per JVM.
 */
final class TestCertificates {
  static final X509Bundle CA = authority("CN=kaa-rpc test CA");
  static final X509Bundle OTHER_CA = authority("CN=some other CA");
  static final X509Bundle SERVER =
      issued(
          new CertificateBuilder()
              .subject("CN=kaa-rpc test server")
              .addSanIpAddress("127.0.0.1")
              .addSanDnsName("localhost")
              .addExtendedKeyUsageServerAuth(),
          CA);
  static final X509Bundle SERVER_FOR_ANOTHER_HOST =
      issued(
          new CertificateBuilder()
              .subject("CN=other.example")
              .addSanDnsName("other.example")
              .addExtendedKeyUsageServerAuth(),
          CA);
  static final X509Bundle CLIENT =
      issued(
          new CertificateBuilder()
              .subject("CN=kaa-rpc test client")
              .addExtendedKeyUsageClientAuth(),
          CA);

  private TestCertificates() {}

  /** A server context presenting {@code certificate}; no client certificates asked for. */
  static SslContext server(X509Bundle certificate) throws SSLException {
    return SslContextBuilder.forServer(
            certificate.getKeyPair().getPrivate(), certificate.getCertificatePath())
        .build();
  }

  /** A server context for mutual TLS: it requires a client certificate signed by {@link #CA}. */
  static SslContext mutualServer() throws SSLException {
    return SslContextBuilder.forServer(
            SERVER.getKeyPair().getPrivate(), SERVER.getCertificatePath())
        .trustManager(CA.getCertificate())
        .clientAuth(ClientAuth.REQUIRE)
        .build();
  }

  /** A client context trusting {@code authority}, presenting no certificate. */
  static SslContext client(X509Bundle authority) throws SSLException {
    return SslContextBuilder.forClient().trustManager(authority.getCertificate()).build();
  }

  /** A client context trusting {@link #CA} and presenting {@link #CLIENT}. */
  static SslContext clientWithCertificate() throws SSLException {
    return SslContextBuilder.forClient()
        .trustManager(CA.getCertificate())
        .keyManager(CLIENT.getKeyPair().getPrivate(), CLIENT.getCertificatePath())
        .build();
  }

  static Options tls(SslContext context) {
    return Options.builder().sslContext(context).build();
  }

  private static X509Bundle authority(String subject) {
    try {
      return valid(new CertificateBuilder())
          .subject(subject)
          .setIsCertificateAuthority(true)
          .buildSelfSigned();
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a test certificate authority", e);
    }
  }

  private static X509Bundle issued(CertificateBuilder builder, X509Bundle issuer) {
    try {
      return valid(builder).buildIssuedBy(issuer);
    } catch (Exception e) {
      throw new IllegalStateException("cannot make a test certificate", e);
    }
  }

  private static CertificateBuilder valid(CertificateBuilder builder) {
    Instant now = Instant.now();
    return builder
        .ecp256()
        .notBefore(now.minus(1, ChronoUnit.DAYS))
        .notAfter(now.plus(1, ChronoUnit.DAYS));
  }
}
