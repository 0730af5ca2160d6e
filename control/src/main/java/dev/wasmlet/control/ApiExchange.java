package dev.wasmlet.control;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What every admin API route reads and writes the same way: bounded JSON bodies, path parameters,
 * whole numbers, string fields, and JSON, text or raw responses. Bad input is an {@link ApiProblem}
 * that names the culprit.
 */
final class ApiExchange {
  private static final int MAX_JSON = 1024 * 1024;

  private ApiExchange() {}

  static JsonNode body(ServerRequest req) throws IOException {
    byte[] bytes;
    try (InputStream in = req.content().inputStream()) {
      bytes = in.readNBytes(MAX_JSON + 1);
    }
    if (bytes.length > MAX_JSON) {
      throw new ApiProblem(413, "too-large", "the JSON body is larger than 1 MiB");
    }
    if (bytes.length == 0) {
      throw ApiProblem.invalid("the request needs a JSON body");
    }
    try {
      JsonNode n = Json.MAPPER.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw ApiProblem.invalid("the body must be a JSON object");
      }
      return n;
    } catch (StreamConstraintsException e) {
      throw ApiProblem.invalid(
          "the JSON body is over a limit: it may nest at most "
              + Json.MAX_DEPTH
              + " levels deep and a number may have at most "
              + Json.MAX_NUMBER_LENGTH
              + " digits");
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw ApiProblem.invalid(
          "the body is not valid JSON: "
              + e.getOriginalMessage()
              + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
    }
  }

  static void json(ServerResponse res, int status, JsonNode body) {
    raw(res, status, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8));
  }

  static void raw(ServerResponse res, int status, String type, byte[] body) {
    res.status(Status.create(status));
    res.header(HeaderNames.CONTENT_TYPE, type);
    res.send(body);
  }

  static void text(ServerResponse res, int status, String body) {
    raw(res, status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  static String param(ServerRequest req, String name) {
    return req.path().pathParameters().get(name);
  }

  /** A revision number or rollout id: a whole number from 1 to 2^31-1, as the API spec says. */
  static int number(String what, String text) {
    long n = wholeNumber(what, text);
    if (n < 1 || n > Integer.MAX_VALUE) {
      throw ApiProblem.invalid(
          what + " " + n + " is out of range; it is a whole number from 1 to " + Integer.MAX_VALUE);
    }
    return (int) n;
  }

  static long wholeNumber(String what, String text) {
    if (text == null || !text.matches("[0-9]{1,18}")) {
      throw ApiProblem.invalid(
          what + " \"" + Sanitize.quote(String.valueOf(text)) + "\" is not a whole number");
    }
    return Long.parseLong(text);
  }

  /** A string field of a JSON body; a required one that is missing or null is a bad request. */
  static Optional<String> text(JsonNode b, String field, boolean required) {
    JsonNode n = b.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        throw ApiProblem.invalid("the body needs \"" + field + "\"");
      }
      return Optional.empty();
    }
    if (!n.isTextual()) {
      throw ApiProblem.invalid("\"" + field + "\" must be a string");
    }
    return Optional.of(n.asText());
  }
}
