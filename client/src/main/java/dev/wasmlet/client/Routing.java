package dev.wasmlet.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Which requests of the gateway reach an app: those for one of its host names (any host when none),
 * under its path prefix.
 */
public record Routing(List<String> hosts, String prefix) {
  public Routing {
    hosts = List.copyOf(hosts);
  }

  static Routing of(JsonNode n) {
    return new Routing(Json.list(n, "hosts", JsonNode::asText), Json.text(n, "prefix"));
  }
}
