package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;

/** An app's share of the gateway: guests it may run at once, and requests that may wait for one. */
public record Admission(int maxConcurrency, int maxQueue) {
  static Admission of(JsonNode n) {
    return new Admission(
        Json.field(n, "maxConcurrency").asInt(), Json.field(n, "maxQueue").asInt());
  }
}
