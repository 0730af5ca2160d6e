package dev.wasmlet.control;

import static dev.wasmlet.control.ApiExchange.body;
import static dev.wasmlet.control.ApiExchange.json;
import static dev.wasmlet.control.ApiExchange.param;
import static dev.wasmlet.control.ApiExchange.text;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;

/**
 * The admin API's bearer tokens, {@code /api/v1/tokens}: list (never the secret), create (the one
 * time the token is shown) and revoke.
 */
final class TokenRoutes {
  private final Tokens tokens;

  TokenRoutes(Tokens tokens) {
    this.tokens = tokens;
  }

  void listTokens(ServerRequest req, ServerResponse res) {
    ObjectNode o = Json.object();
    ArrayNode list = o.putArray("tokens");
    for (Tokens.Info t : tokens.list()) {
      ObjectNode to = list.addObject();
      to.put("id", t.id());
      to.put("name", t.name());
      to.put("createdAt", t.createdAt().toString());
      to.put("revoked", t.revokedAt().isPresent());
    }
    json(res, 200, o);
  }

  void createToken(ServerRequest req, ServerResponse res) throws IOException {
    String name = text(body(req), "name", true).orElseThrow();
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
      throw ApiProblem.invalid(
          "token name \""
              + Sanitize.quote(name)
              + "\" must be 1-63 letters, digits, '.', '_' or '-'");
    }
    Tokens.Created t = tokens.create(name);
    ObjectNode o = Json.object();
    o.put("id", t.id());
    o.put("name", t.name());
    o.put("token", t.token());
    json(res, 201, o);
  }

  void revokeToken(ServerRequest req, ServerResponse res) {
    tokens.revoke(param(req, "id"));
    res.status(Status.NO_CONTENT_204);
    res.send();
  }
}
