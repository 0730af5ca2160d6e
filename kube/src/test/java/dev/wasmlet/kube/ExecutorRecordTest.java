package dev.wasmlet.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutorRecordTest {
  private static final ZonedDateTime RENEWED =
      ZonedDateTime.of(2026, 12, 5, 12, 0, 0, 0, ZoneOffset.UTC);

  private static Map<String, String> notes() {
    Map<String, String> n = new HashMap<>();
    n.put(ExecutorDirectory.NAME, "e1");
    n.put(ExecutorDirectory.ADMIN_URL, "http://10.0.0.7:9090");
    n.put(ExecutorDirectory.GATEWAY, "10.0.0.7:8080");
    n.put(ExecutorDirectory.CAPACITY, "250");
    return n;
  }

  private static Lease lease(Map<String, String> labels, Map<String, String> notes) {
    return new LeaseBuilder()
        .withNewMetadata()
        .withName("wasmlet-executor-e1")
        .withLabels(labels)
        .withAnnotations(notes)
        .endMetadata()
        .withNewSpec()
        .withHolderIdentity("e1")
        .withRenewTime(RENEWED)
        .withLeaseDurationSeconds(15)
        .endSpec()
        .build();
  }

  @Test
  void anExecutorsLeaseGivesItsEndpointsCapacityAndExpiry() {
    ExecutorRecord e =
        ExecutorRecord.of(lease(Map.of(ExecutorDirectory.LABEL, "true"), notes())).orElseThrow();
    assertThat(e.name()).isEqualTo("e1");
    assertThat(e.admin()).hasToString("http://10.0.0.7:9090");
    assertThat(e.gatewayHost()).isEqualTo("10.0.0.7");
    assertThat(e.gatewayPort()).isEqualTo(8080);
    assertThat(e.capacity()).isEqualTo(250);
    assertThat(e.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
    assertThat(e.live(RENEWED.toInstant().plusSeconds(14))).isTrue();
    assertThat(e.live(RENEWED.toInstant().plusSeconds(15))).isFalse();
  }

  @Test
  void anIpv6GatewayKeepsItsColons() {
    Map<String, String> n = notes();
    n.put(ExecutorDirectory.GATEWAY, "fd00::7:8080");
    ExecutorRecord e =
        ExecutorRecord.of(lease(Map.of(ExecutorDirectory.LABEL, "true"), n)).orElseThrow();
    assertThat(e.gatewayHost()).isEqualTo("fd00::7");
    assertThat(e.gatewayPort()).isEqualTo(8080);
  }

  @Test
  void leasesThatAreNotAnExecutorsOrAreMalformedAreIgnored() {
    Map<String, String> executor = Map.of(ExecutorDirectory.LABEL, "true");
    assertThat(ExecutorRecord.of(lease(Map.of(), notes()))).isEmpty();
    assertThat(ExecutorRecord.of(lease(Map.of(ExecutorDirectory.LABEL, "yes"), notes()))).isEmpty();
    for (String[] bad :
        new String[][] {
          {ExecutorDirectory.GATEWAY, "10.0.0.7"},
          {ExecutorDirectory.GATEWAY, "10.0.0.7:0"},
          {ExecutorDirectory.GATEWAY, "10.0.0.7:70000"},
          {ExecutorDirectory.GATEWAY, "10.0.0.7:http"},
          {ExecutorDirectory.CAPACITY, "many"},
          {ExecutorDirectory.CAPACITY, "0"},
          {ExecutorDirectory.ADMIN_URL, "http://bad host"},
          {ExecutorDirectory.NAME, null},
        }) {
      Map<String, String> n = notes();
      n.put(bad[0], bad[1]);
      assertThat(ExecutorRecord.of(lease(executor, n))).as("%s=%s", bad[0], bad[1]).isEmpty();
    }
    Lease noRenewal = lease(executor, notes());
    noRenewal.getSpec().setRenewTime(null);
    assertThat(ExecutorRecord.of(noRenewal)).isEmpty();
  }

  @Test
  void aLeaseIsLiveOnlyUntilItsDurationPasses() {
    ExecutorRecord e =
        ExecutorRecord.of(lease(Map.of(ExecutorDirectory.LABEL, "true"), notes())).orElseThrow();
    assertThat(e.live(Instant.parse("2026-12-05T12:00:00Z"))).isTrue();
    assertThat(e.live(Instant.parse("2026-12-05T12:00:20Z"))).isFalse();
  }
}
