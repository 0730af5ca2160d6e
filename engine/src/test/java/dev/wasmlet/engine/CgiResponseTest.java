package dev.wasmlet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CgiResponseTest {
  private static WagiResponse parse(String out) {
    return CgiResponse.parse("c", out.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void headersThenBlankLineThenBody() {
    WagiResponse r = parse("Content-Type: text/plain\nX-A: 1\n\nbody\n\nmore");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers())
        .containsExactly(Map.entry("Content-Type", "text/plain"), Map.entry("X-A", "1"));
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("body\n\nmore");
  }

  @Test
  void crlfLineEndingsAreAccepted() {
    WagiResponse r = parse("Content-Type: text/html\r\nStatus: 201 Created\r\n\r\n<p>");
    assertThat(r.status()).isEqualTo(201);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("<p>");
  }

  @Test
  void locationWithoutStatusMeansFound() {
    WagiResponse r = parse("Location: /elsewhere\n\n");
    assertThat(r.status()).isEqualTo(302);
    assertThat(r.headers()).containsExactly(Map.entry("Location", "/elsewhere"));
  }

  @Test
  void statusHeaderIsNotPassedOn() {
    WagiResponse r = parse("Status: 404 Not Found\nContent-Type: text/plain\n\nnope");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.headers()).containsExactly(Map.entry("Content-Type", "text/plain"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "X-A: 1\\n\\nbody | the response has neither a Content-Type nor a Location header",
        "Content-Type: text/plain | no blank line ends the header block",
        "Status: 99\\nContent-Type: a/b\\n\\n | invalid Status header \"99\"",
        "Status: abc\\nContent-Type: a/b\\n\\n | invalid Status header \"abc\"",
        "Bad Name: x\\nContent-Type: a/b\\n\\n | invalid header name \"Bad Name\"",
        "no colon here\\n\\n | header line without a name and colon: \"no colon here\"",
      })
  void malformedResponsesNameTheProblem(String out, String why) {
    assertThatThrownBy(() -> parse(out.replace("\\n", "\n")))
        .isInstanceOf(GuestFailed.class)
        .hasMessage("component \"c\" wrote a malformed CGI response: " + why);
  }
}
