package dev.wasmlet.kube;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * One executor as its Lease records it: where its admin API and gateway answer, how many apps it
 * takes, and when it last renewed.
 *
 * @param name the executor's name (unique in its namespace)
 * @param admin the admin API's base URL
 * @param gatewayHost the address the gateway answers on, as EndpointSlices carry it (an IP)
 * @param gatewayPort the gateway's port
 * @param capacity the most apps it takes
 * @param renewedAt when it last renewed its Lease
 * @param leaseDuration how long a renewal holds
 */
public record ExecutorRecord(
    String name,
    URI admin,
    String gatewayHost,
    int gatewayPort,
    int capacity,
    Instant renewedAt,
    Duration leaseDuration) {

  /** Whether its Lease has not yet expired at {@code now}. */
  public boolean live(Instant now) {
    return renewedAt.plus(leaseDuration).isAfter(now);
  }

  /** The executor a Lease describes; empty when the Lease is not an executor's or is malformed. */
  static Optional<ExecutorRecord> of(Lease lease) {
    Map<String, String> labels = lease.getMetadata().getLabels();
    Map<String, String> notes = lease.getMetadata().getAnnotations();
    if (labels == null
        || !"true".equals(labels.get(ExecutorDirectory.LABEL))
        || notes == null
        || lease.getSpec() == null) {
      return Optional.empty();
    }
    try {
      String name = notes.get(ExecutorDirectory.NAME);
      URI admin = URI.create(notes.get(ExecutorDirectory.ADMIN_URL));
      String gateway = notes.get(ExecutorDirectory.GATEWAY);
      int colon = gateway.lastIndexOf(':');
      String host = gateway.substring(0, colon);
      int port = Integer.parseInt(gateway.substring(colon + 1));
      int capacity = Integer.parseInt(notes.getOrDefault(ExecutorDirectory.CAPACITY, "100"));
      ZonedDateTime renewed = lease.getSpec().getRenewTime();
      Integer seconds = lease.getSpec().getLeaseDurationSeconds();
      if (name == null
          || renewed == null
          || seconds == null
          || port < 1
          || port > 65535
          || capacity < 1) {
        return Optional.empty();
      }
      return Optional.of(
          new ExecutorRecord(
              name, admin, host, port, capacity, renewed.toInstant(), Duration.ofSeconds(seconds)));
    } catch (RuntimeException e) {
      return Optional.empty(); // a Lease someone else wrote by hand: not an executor we can use
    }
  }
}
