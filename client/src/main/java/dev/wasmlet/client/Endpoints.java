package dev.wasmlet.client;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which server to talk to and with which token. The server: {@code --server}, else {@code
 * WASMLET_SERVER}, else the chosen context ({@code --context}, else {@code WASMLET_CONTEXT}, else
 * the current one), else {@value #DEFAULT_SERVER}. The token: {@code --token}, else {@code
 * WASMLET_TOKEN}, else the context's (only when talking to that context's server, so a token is
 * never sent to a server it was not made for), else, for the local default server, the {@code
 * admin.token} in the default data directory.
 */
public final class Endpoints {
  /** Where {@code wasmlet server} listens for the admin API by default. */
  public static final String DEFAULT_SERVER = "http://127.0.0.1:7070";

  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]");

  private Endpoints() {}

  /**
   * The endpoint for what the command line chose.
   *
   * @param contextsFile the contexts file ({@link Contexts#defaultFile} unless given)
   * @throws ConfigInvalid when a chosen context does not exist or its token file cannot be read
   */
  public static Endpoint resolve(Selection chosen, HostEnvironment env, Path contextsFile) {
    Optional<String> contextName = chosen.context().or(() -> env.variable("WASMLET_CONTEXT"));
    Optional<String> serverGiven = chosen.server();
    String origin = "--server";
    if (serverGiven.isEmpty() && contextName.isEmpty()) {
      serverGiven = env.variable("WASMLET_SERVER");
      origin = "WASMLET_SERVER";
    }
    Optional<String> token = chosen.token().or(() -> env.variable("WASMLET_TOKEN"));

    Optional<String> name = contextName;
    Optional<Context> context = Optional.empty();
    if (contextName.isPresent() || serverGiven.isEmpty() || token.isEmpty()) {
      Contexts contexts = Contexts.load(contextsFile);
      name = contextName.or(contexts::current);
      context = name.map(contexts::context);
    }

    String server;
    if (serverGiven.isPresent()) {
      server = Context.server(serverGiven.get());
    } else if (context.isPresent()) {
      server = context.get().server();
      origin = "context \"" + name.orElseThrow() + "\"";
    } else {
      server = DEFAULT_SERVER;
      origin = "the default";
    }
    if (token.isEmpty() && context.isPresent() && context.get().server().equals(server)) {
      token = contextToken(name.orElseThrow(), context.get());
    }
    if (token.isEmpty() && isLocalDefault(server)) {
      token = readIfPresent(DataDirs.defaultDataDir(env).resolve(DataDirs.TOKEN_FILE));
    }
    return new Endpoint(server, token, origin, env.variable("WASMLET_CACERT").map(Path::of));
  }

  /** Whether a server address is the default local one, whose token file the client may read. */
  static boolean isLocalDefault(String server) {
    URI u = URI.create(server);
    return "http".equals(u.getScheme()) && u.getPort() == 7070 && LOOPBACK.contains(u.getHost());
  }

  private static Optional<String> contextToken(String name, Context c) {
    if (c.token().isPresent()) {
      return c.token();
    }
    if (c.tokenFile().isEmpty()) {
      return Optional.empty();
    }
    Path f = c.tokenFile().get();
    try {
      String t = Files.readString(f).strip();
      if (t.isEmpty()) {
        throw new ConfigInvalid("the token file " + f + " of context \"" + name + "\" is empty");
      }
      return Optional.of(t);
    } catch (IOException e) {
      throw new ConfigInvalid(
          "cannot read the token file "
              + f
              + " of context \""
              + name
              + "\" ("
              + e.getClass().getSimpleName()
              + "); fix it with wasmlet context add "
              + name
              + " --server URL --token-file FILE",
          e);
    }
  }

  private static Optional<String> readIfPresent(Path f) {
    try {
      String t = Files.readString(f).strip();
      return t.isEmpty() ? Optional.empty() : Optional.of(t);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ConfigInvalid("cannot read the local server's token file " + f + ": " + e, e);
    }
  }
}
