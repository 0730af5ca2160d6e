package dev.wasmlet.cli;

import dev.wasmlet.client.Endpoint;
import dev.wasmlet.client.Endpoints;
import dev.wasmlet.client.HostEnvironment;
import dev.wasmlet.client.Selection;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every command that talks to a server shares: which server, which token, output. */
final class ClientOptions {
  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "Admin API of the server (default: $WASMLET_SERVER, else the context's, else"
              + " http://127.0.0.1:7070).")
  Optional<String> server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "Bearer token (default: $WASMLET_TOKEN, else the context's, else the local server's"
              + " admin.token). It lands in your shell history; prefer a context with a token"
              + " file.")
  Optional<String> token;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      description = "Context to use (default: $WASMLET_CONTEXT, else the current one).")
  Optional<String> context;

  @Mixin ConfigOption config;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = OutputFormat.Converter.class,
      description = "text (tables) or json (for scripts). Default: ${DEFAULT-VALUE}.")
  OutputFormat output;

  boolean json() {
    return output == OutputFormat.JSON;
  }

  Endpoint endpoint() {
    return Endpoints.resolve(
        new Selection(server, token, context), HostEnvironment.system(), config.file());
  }
}
