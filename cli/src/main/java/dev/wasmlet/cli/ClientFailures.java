package dev.wasmlet.cli;

import dev.wasmlet.client.ClientException;
import dev.wasmlet.client.ConfigInvalid;
import dev.wasmlet.client.Endpoint;
import dev.wasmlet.client.PackFailed;
import dev.wasmlet.client.RequestInvalid;
import dev.wasmlet.client.ServerRefused;
import dev.wasmlet.client.ServerUnreachable;
import java.util.Optional;

/** Turns the client's failures into the tool's exit codes, adding what to do next. */
final class ClientFailures {
  private ClientFailures() {}

  static CliFailure of(ClientException e, Optional<Endpoint> endpoint) {
    return switch (e) {
      case RequestInvalid r -> new CliFailure(ExitCodes.USAGE, r.getMessage(), r);
      case ConfigInvalid c -> new CliFailure(ExitCodes.USAGE, c.getMessage(), c);
      case PackFailed p -> new CliFailure(ExitCodes.INVALID_APP, p.getMessage(), p);
      case ServerUnreachable u -> new CliFailure(ExitCodes.UNREACHABLE, u.getMessage(), u);
      case ServerRefused s when s.status() == 422 ->
          new CliFailure(ExitCodes.INVALID_APP, s.getMessage(), s);
      case ServerRefused s when s.problem().equals("policy-rejected") ->
          new CliFailure(
              ExitCodes.REFUSED,
              "refused by the server's supply-chain policy: "
                  + s.getMessage()
                  + (s.checks().isEmpty() ? "" : "\n  " + String.join("\n  ", s.checks())),
              s);
      case ServerRefused s when s.status() == 401 ->
          new CliFailure(ExitCodes.REFUSED, s.getMessage() + tokenHint(endpoint), s);
      case ServerRefused s -> new CliFailure(ExitCodes.REFUSED, s.getMessage(), s);
      default -> new CliFailure(ExitCodes.SOFTWARE, e.getMessage(), e);
    };
  }

  private static String tokenHint(Optional<Endpoint> endpoint) {
    if (endpoint.isPresent() && endpoint.get().token().isEmpty()) {
      return " (no token was sent: pass --token, set WASMLET_TOKEN, or add a context with"
          + " wasmlet context add NAME --server URL --token-file FILE)";
    }
    return "";
  }
}
