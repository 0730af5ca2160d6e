package dev.wasmlet.cli;

import dev.wasmlet.client.Names;
import dev.wasmlet.client.SecretInfo;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wasmlet secrets}: an app's secret variables. Values go to the server and nowhere else:
 * nothing here prints one, and the server answers with names and versions only.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "secrets",
    description = "Set, list and remove an app's secrets (values are never shown).",
    subcommands = {
      SecretsCommand.SetSecret.class,
      SecretsCommand.ListSecrets.class,
      SecretsCommand.RemoveSecret.class
    })
final class SecretsCommand {
  private static final int MAX_VALUE = 64 * 1024;

  /** {@code wasmlet secrets set APP NAME[=VALUE]}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "set",
      description =
          "Set a secret. The value comes from NAME=VALUE, else --from-file, else stdin (typed"
              + " without echo on a terminal). A new revision rolls out if the app is deployed.")
  static final class SetSecret extends ClientCommand {
    @Parameters(index = "0", paramLabel = "APP", description = "The app's name.")
    String app;

    @Parameters(
        index = "1",
        paramLabel = "NAME[=VALUE]",
        description = "The secret's name, with its value (lands in shell history: avoid).")
    String assignment;

    @Option(
        names = "--from-file",
        paramLabel = "FILE",
        description = "Read the value from a file (one trailing newline is dropped).")
    Optional<Path> fromFile;

    @Mixin WaitOptions wait;

    @Override
    int run() {
      int eq = assignment.indexOf('=');
      String name = Names.variable("secret", eq < 0 ? assignment : assignment.substring(0, eq));
      String value;
      if (eq >= 0) {
        if (fromFile.isPresent()) {
          throw new CliFailure(
              ExitCodes.USAGE, "give the value as NAME=VALUE or with --from-file, not both", null);
        }
        err()
            .println(
                "warning: a value on the command line lands in your shell history; prefer"
                    + " --from-file or stdin");
        value = assignment.substring(eq + 1);
      } else if (fromFile.isPresent()) {
        value = fromFile(fromFile.get());
      } else {
        value = prompt(app, name);
      }
      if (value.isEmpty()) {
        throw new CliFailure(ExitCodes.USAGE, "the value of secret " + name + " is empty", null);
      }
      return ChangeReport.report(
          this,
          "secret " + name + " of " + app + " set",
          client().setSecret(app, name, value),
          wait);
    }

    private String prompt(String app, String name) {
      Console c = Terminal.console();
      if (c != null) {
        char[] typed = c.readPassword("value of secret %s of %s: ", name, app);
        if (typed == null) {
          throw new CliFailure(ExitCodes.USAGE, "no value given for secret " + name, null);
        }
        String value = new String(typed);
        Arrays.fill(typed, '\0');
        return value;
      }
      try {
        return chomp(new String(limited(System.in, "stdin"), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new CliFailure(ExitCodes.USAGE, "cannot read the value from stdin: " + e, e);
      }
    }
  }

  /** {@code wasmlet secrets list APP}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "list",
      description = "List an app's secrets by name and version.")
  static final class ListSecrets extends ClientCommand {
    @Parameters(index = "0", paramLabel = "APP", description = "The app's name.")
    String app;

    @Override
    int run() {
      List<SecretInfo> secrets = client().secrets(app);
      if (json()) {
        var doc = JSON.createObjectNode();
        var list = doc.putArray("secrets");
        for (SecretInfo s : secrets) {
          var o = list.addObject();
          o.put("name", s.name());
          o.put("version", s.version());
          s.updatedAt().ifPresent(t -> o.put("updatedAt", t.toString()));
        }
        printJson(doc);
        return ExitCodes.OK;
      }
      if (secrets.isEmpty()) {
        out().println("app " + app + " has no secrets");
        return ExitCodes.OK;
      }
      Table t = new Table("NAME", "VERSION", "UPDATED");
      for (SecretInfo s : secrets) {
        t.row(s.name(), s.version(), s.updatedAt().map(Times::ago).orElse("-"));
      }
      t.print(out());
      return ExitCodes.OK;
    }
  }

  /** {@code wasmlet secrets rm APP NAME}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "rm",
      description = "Remove a secret. A new revision rolls out if the app is deployed.")
  static final class RemoveSecret extends ClientCommand {
    @Parameters(index = "0", paramLabel = "APP", description = "The app's name.")
    String app;

    @Parameters(index = "1", paramLabel = "NAME", description = "The secret's name.")
    String name;

    @Mixin WaitOptions wait;

    @Override
    int run() {
      return ChangeReport.report(
          this,
          "secret " + name + " of " + app + " removed",
          client().removeSecret(app, name),
          wait);
    }
  }

  static String fromFile(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return chomp(new String(limited(in, file.toString()), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CliFailure(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static byte[] limited(InputStream in, String what) throws IOException {
    byte[] bytes = in.readNBytes(MAX_VALUE + 1);
    if (bytes.length > MAX_VALUE) {
      throw new CliFailure(
          ExitCodes.USAGE, "the value in " + what + " is larger than 64 KiB, the limit", null);
    }
    return bytes;
  }

  private static String chomp(String s) {
    if (s.endsWith("\r\n")) {
      return s.substring(0, s.length() - 2);
    }
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}
