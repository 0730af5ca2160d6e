package dev.wasmlet.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReferenceTest {
  @Test
  void parsesRegistryRepositoryTagAndDigest() {
    String digest = "sha256:" + "a".repeat(64);
    Reference r = Reference.parse("127.0.0.1:5000/team/hello:1.0@" + digest);
    assertThat(r.registry()).isEqualTo("127.0.0.1:5000");
    assertThat(r.repository()).isEqualTo("team/hello");
    assertThat(r.tag()).contains("1.0");
    assertThat(r.digest()).contains(digest);
    assertThat(r.host()).isEqualTo("127.0.0.1");
    assertThat(r).hasToString("127.0.0.1:5000/team/hello:1.0@" + digest);
  }

  @Test
  void aReferenceWithoutRegistryHostIsRefusedWithAnExample() {
    assertThatThrownBy(() -> Reference.parse("team/hello:1"))
        .isInstanceOf(ReferenceInvalid.class)
        .hasMessage(
            "\"team/hello:1\" does not start with a registry host; write it out (Wasmlet has no"
                + " default registry), e.g. ghcr.io/team/hello:1");
  }

  @Test
  void aReferenceWithoutTagOrDigestIsRefused() {
    assertThatThrownBy(() -> Reference.parse("ghcr.io/team/hello"))
        .isInstanceOf(ReferenceInvalid.class)
        .hasMessageContaining("names no tag or digest");
  }

  @Test
  void loopbackIsLocalhostAnd127And6Loopback() {
    assertThat(Reference.parse("localhost:5000/a/b:1").isLoopback()).isTrue();
    assertThat(Reference.parse("127.0.0.1:5000/a/b:1").isLoopback()).isTrue();
    assertThat(Reference.parse("[::1]:5000/a/b:1").isLoopback()).isTrue();
    assertThat(Reference.parse("127.example.com/a/b:1").isLoopback()).isFalse();
    assertThat(Reference.parse("registry.example.com:5000/a/b:1").isLoopback()).isFalse();
  }

  @Test
  void insecureIsRefusedForARegistryThatIsNotOnThisMachine() {
    Reference ref = Reference.parse("registry.example.com:5000/a/b:1");
    assertThatThrownBy(() -> Registry.builder(ref).withInsecure(true).build())
        .isInstanceOf(InsecureRefused.class)
        .hasMessage(
            "registry registry.example.com:5000: plain HTTP (--insecure) is allowed only for a"
                + " registry on this machine (localhost, 127.0.0.1, ::1); serve it over HTTPS");
  }

  @Test
  void insecureIsAllowedForLoopback() {
    Reference ref = Reference.parse("127.0.0.1:5000/a/b:1");
    assertThat(Registry.builder(ref).withInsecure(true).build()).isNotNull();
  }

  @Test
  void looksLikeReferenceTellsRefsFromPaths() {
    assertThat(Reference.looksLikeReference("127.0.0.1:5000/a/b:1")).isTrue();
    assertThat(Reference.looksLikeReference("./examples/hello-c")).isFalse();
    assertThat(Reference.looksLikeReference("examples/hello-c")).isFalse();
  }
}
