package dev.wasmlet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.wasmlet.client.ClientException;
import dev.wasmlet.client.Context;
import dev.wasmlet.client.Contexts;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code wasmlet context}: named servers with their tokens, kept in the contexts file (0600), like
 * kubectl's contexts. Tokens are never printed.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "context",
    description = "Add, choose, list and remove the servers this client talks to.",
    subcommands = {
      ContextCommand.AddContext.class,
      ContextCommand.UseContext.class,
      ContextCommand.ListContexts.class,
      ContextCommand.RemoveContext.class
    })
final class ContextCommand {
  /** A context subcommand: reads and writes the contexts file, maps its failures. */
  abstract static class FileCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ConfigOption config;

    abstract int run(Contexts contexts);

    @Override
    public final Integer call() {
      try {
        return run(Contexts.load(config.file()));
      } catch (ClientException e) {
        throw ClientFailures.of(e, Optional.empty());
      } finally {
        out().flush();
        spec.commandLine().getErr().flush();
      }
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }
  }

  /** Where a context's token comes from: one of the two, or neither. */
  static final class TokenSource {
    @Option(
        names = "--token-file",
        paramLabel = "FILE",
        description = "A file holding the token, read on each use (recommended).")
    Optional<Path> file;

    @Option(
        names = "--token",
        paramLabel = "TOKEN",
        description = "The token itself, stored in the contexts file (0600).")
    Optional<String> token;
  }

  /** {@code wasmlet context add NAME --server URL}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "add",
      description = "Add or replace a context; the first one added becomes the current one.")
  static final class AddContext extends FileCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The context's name, e.g. prod.")
    String name;

    @Option(
        names = "--server",
        required = true,
        paramLabel = "URL",
        description = "Admin API of the server, e.g. http://127.0.0.1:7070.")
    String server;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    TokenSource tokenSource;

    @Option(names = "--use", description = "Make it the current context.")
    boolean use;

    @Override
    int run(Contexts contexts) {
      Optional<Path> file =
          tokenSource == null
              ? Optional.empty()
              : tokenSource.file.map(f -> f.toAbsolutePath().normalize());
      Optional<String> token = tokenSource == null ? Optional.empty() : tokenSource.token;
      PrintWriter err = spec.commandLine().getErr();
      if (token.isPresent()) {
        err.println(
            "warning: a token on the command line lands in your shell history; prefer"
                + " --token-file");
      }
      if (file.isPresent() && !Files.isReadable(file.get())) {
        err.println("warning: " + file.get() + " cannot be read yet; it is read on each use");
      }
      Contexts updated = contexts.with(Context.checkName(name), new Context(server, token, file));
      if (use) {
        updated = updated.withCurrent(name);
      }
      updated.save();
      Context added = updated.context(name);
      out()
          .println(
              "context " + name + " added: " + added.server() + " (in " + updated.file() + ")");
      out().println("current context: " + updated.current().orElse("none"));
      return ExitCodes.OK;
    }
  }

  /** {@code wasmlet context use NAME}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "use",
      description = "Make a context the current one.")
  static final class UseContext extends FileCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The context's name.")
    String name;

    @Override
    int run(Contexts contexts) {
      Contexts updated = contexts.withCurrent(name);
      updated.save();
      out().println("current context: " + name + " (" + updated.context(name).server() + ")");
      return ExitCodes.OK;
    }
  }

  /** {@code wasmlet context list}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "list",
      description = "List the contexts; * marks the current one.")
  static final class ListContexts extends FileCommand {
    @Option(
        names = {"-o", "--output"},
        paramLabel = "FORMAT",
        defaultValue = "text",
        converter = OutputFormat.Converter.class,
        description = "text (a table) or json. Default: ${DEFAULT-VALUE}.")
    OutputFormat output;

    @Override
    int run(Contexts contexts) {
      if (output == OutputFormat.JSON) {
        var doc = ClientCommand.JSON.createObjectNode();
        contexts
            .current()
            .ifPresentOrElse(c -> doc.put("current", c), () -> doc.putNull("current"));
        var list = doc.putArray("contexts");
        for (Map.Entry<String, Context> e : contexts.contexts().entrySet()) {
          var o = list.addObject();
          o.put("name", e.getKey());
          o.put("server", e.getValue().server());
          o.put("token", e.getValue().token().isPresent());
          e.getValue().tokenFile().ifPresent(f -> o.put("tokenFile", f.toString()));
        }
        try {
          out()
              .println(ClientCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
        return ExitCodes.OK;
      }
      if (contexts.contexts().isEmpty()) {
        out()
            .println(
                "no contexts in "
                    + contexts.file()
                    + "; add one with: wasmlet context add NAME --server URL --token-file FILE");
        return ExitCodes.OK;
      }
      Table t = new Table("CURRENT", "NAME", "SERVER", "TOKEN");
      contexts
          .contexts()
          .forEach(
              (name, c) ->
                  t.row(
                      contexts.current().filter(name::equals).isPresent() ? "*" : "",
                      name,
                      c.server(),
                      c.tokenFile()
                          .map(f -> "file " + f)
                          .orElse(c.token().isPresent() ? "in config" : "none")));
      t.print(out());
      return ExitCodes.OK;
    }
  }

  /** {@code wasmlet context rm NAME}. */
  @Command(mixinStandardHelpOptions = true, name = "rm", description = "Remove a context.")
  static final class RemoveContext extends FileCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The context's name.")
    String name;

    @Override
    int run(Contexts contexts) {
      Contexts updated = contexts.without(name);
      updated.save();
      out().println("context " + name + " removed");
      return ExitCodes.OK;
    }
  }
}
