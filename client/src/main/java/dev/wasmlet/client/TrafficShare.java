package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;

/** One revision's whole-percent share of an app's requests. */
public record TrafficShare(int revision, int percent) {
  static TrafficShare of(JsonNode n) {
    return new TrafficShare(Json.field(n, "revision").asInt(), Json.field(n, "percent").asInt());
  }
}
