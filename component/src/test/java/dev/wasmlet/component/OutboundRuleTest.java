package dev.wasmlet.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spin's allowed_outbound_hosts entries, as the outgoing handler applies them. */
class OutboundRuleTest {
  private static OutboundHttp rules(String... entries) {
    return OutboundHttp.of(List.of(entries), 4);
  }

  @Test
  void aPlainEntryAllowsItsSchemeHostAndDefaultPortOnly() {
    OutboundHttp r = rules("https://api.example.com");
    assertThat(r.allows("https", "api.example.com", 443)).isTrue();
    assertThat(r.allows("https", "API.Example.COM", 443)).isTrue();
    assertThat(r.allows("http", "api.example.com", 80)).isFalse();
    assertThat(r.allows("https", "api.example.com", 8443)).isFalse();
    assertThat(r.allows("https", "api.example.com.evil.test", 443)).isFalse();
    assertThat(r.allows("https", "evil-api.example.com", 443)).isFalse();
  }

  @Test
  void wildcardsCoverSubdomainsPortsAndSchemesAsWritten() {
    OutboundHttp sub = rules("https://*.example.com");
    assertThat(sub.allows("https", "a.example.com", 443)).isTrue();
    assertThat(sub.allows("https", "a.b.example.com", 443)).isTrue();
    assertThat(sub.allows("https", "example.com", 443)).isFalse();
    assertThat(sub.allows("https", "badexample.com", 443)).isFalse();
    OutboundHttp ports = rules("http://127.0.0.1:*", "https://h.test:8000..8100", "*://any.test:9");
    assertThat(ports.allows("http", "127.0.0.1", 1)).isTrue();
    assertThat(ports.allows("https", "127.0.0.1", 443)).isFalse();
    assertThat(ports.allows("https", "h.test", 8050)).isTrue();
    assertThat(ports.allows("https", "h.test", 8101)).isFalse();
    assertThat(ports.allows("http", "any.test", 9)).isTrue();
    assertThat(ports.allows("https", "any.test", 9)).isTrue();
    assertThat(rules().allows("https", "example.com", 443)).as("no entries: nothing").isFalse();
  }

  @Test
  void malformedEntriesAreRefusedWithTheEntry() {
    for (String bad :
        List.of(
            "example.com",
            "https://",
            "https://a b",
            "https://h:70000",
            "https://h:9..1",
            "ftp://h")) {
      assertThatThrownBy(() -> rules(bad)).as(bad).hasMessageContaining(bad);
    }
  }

  /**
   * Spin's HostConfig::ToSelf and allows_relative (outbound-networking-config/allowed_hosts.rs).
   */
  @Test
  void selfAllowsTheAppsOwnRoutesAndNoHostNamedSelf() {
    for (String entry :
        List.of(
            "http://self", "https://self", "*://self:*", "http://self.alt", "http://self:8080")) {
      OutboundHttp r = rules(entry);
      assertThat(r.allowsSelf()).as(entry).isTrue();
      assertThat(r.allows("http", "self", 80)).as(entry + ": no host is self").isFalse();
      assertThat(r.allows("http", "self.alt", 80)).as(entry).isFalse();
      assertThat(r.allows("https", "example.com", 443)).as(entry).isFalse();
    }
  }

  @Test
  void aWildcardHostForHttpAllowsSelfWhateverItsPortButNothingElseDoes() {
    for (String entry : List.of("*://*:*", "http://*", "https://*:8443", "*://*:9")) {
      assertThat(rules(entry).allowsSelf()).as(entry).isTrue();
    }
    for (String entry :
        List.of(
            "https://*.example.com",
            "http://127.0.0.1:*",
            "http://localhost:*",
            "redis://*:6379",
            "http://SELF",
            "http://myself")) {
      assertThat(rules(entry).allowsSelf()).as(entry).isFalse();
    }
    assertThat(rules().allowsSelf()).as("no entries: nothing").isFalse();
  }

  @Test
  void malformedSelfEntriesAreRefused() { // "*://self" too: scheme * has no default port
    for (String bad :
        List.of(
            "self",
            "*://self",
            "http://self:notaport",
            "http://self.alt:notaport",
            "http://self//",
            "http://self/p")) {
      assertThatThrownBy(() -> rules(bad)).as(bad).hasMessageContaining(bad);
    }
  }

  /** Spin's prepare_request: no authority, an empty host (SDKs send ":443"), or self.alt. */
  @Test
  void aRequestWithoutAHostOrToSelfAltIsASelfRequest() {
    for (String self : List.of("", ":443", ":80", "self.alt", "SELF.ALT:8080")) {
      assertThat(WasiOutgoing.isSelf(self)).as(self).isTrue();
    }
    for (String other : List.of("self", "self:80", "example.com", "127.0.0.1:3000", "[::1]:80")) {
      assertThat(WasiOutgoing.isSelf(other)).as(other).isFalse();
    }
  }
}
