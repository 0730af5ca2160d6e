package dev.wasmlet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wasmlet.client.AdminClient;
import dev.wasmlet.client.ClientException;
import dev.wasmlet.client.Endpoint;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a server: resolves the endpoint, opens the client, maps the client's
 * failures to exit codes. Subclasses implement {@link #run}.
 */
abstract class ClientCommand implements Callable<Integer> {
  static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Mixin ClientOptions options;

  private Optional<Endpoint> endpoint = Optional.empty();
  private AdminClient client;

  /** Does the work with {@link #client()}; returns the exit code. */
  abstract int run();

  @Override
  public final Integer call() {
    try {
      return run();
    } catch (ClientException e) {
      throw ClientFailures.of(e, endpoint);
    } finally {
      if (client != null) {
        client.close();
      }
      out().flush();
      err().flush();
    }
  }

  AdminClient client() {
    if (client == null) {
      Endpoint e = options.endpoint();
      endpoint = Optional.of(e);
      client = AdminClient.connect(e);
    }
    return client;
  }

  boolean json() {
    return options.json();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints a JSON document for scripts, pretty-printed. */
  void printJson(JsonNode n) {
    try {
      out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out().flush();
  }
}
