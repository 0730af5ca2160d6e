package dev.wasmlet.cli;

import dev.wasmlet.client.Names;
import dev.wasmlet.client.ValueChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code wasmlet vars}: an app's (non-secret) variables. */
@Command(
    mixinStandardHelpOptions = true,
    name = "vars",
    description = "Set, list and remove an app's variables (use secrets for secret values).",
    subcommands = {
      VarsCommand.SetVars.class,
      VarsCommand.ListVars.class,
      VarsCommand.RemoveVar.class
    })
final class VarsCommand {
  /** {@code wasmlet vars set APP NAME=VALUE...}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "set",
      description =
          "Set variables. Each change rolls out a new revision if the app is deployed; several"
              + " are set one after another.")
  static final class SetVars extends ClientCommand {
    @Parameters(index = "0", paramLabel = "APP", description = "The app's name.")
    String app;

    @Parameters(
        index = "1..*",
        arity = "1..*",
        paramLabel = "NAME=VALUE",
        description = "Variables to set, e.g. api_version=v2.")
    List<String> assignments;

    @Mixin WaitOptions wait;

    @Override
    int run() {
      Map<String, String> values = new LinkedHashMap<>();
      for (String a : assignments) {
        int eq = a.indexOf('=');
        if (eq < 0) {
          throw new CliFailure(
              ExitCodes.USAGE, "\"" + a + "\" is not NAME=VALUE; write e.g. api_version=v2", null);
        }
        values.put(Names.variable("variable", a.substring(0, eq)), a.substring(eq + 1));
      }
      var rollouts = JSON.createArrayNode();
      for (Map.Entry<String, String> v : values.entrySet()) {
        ValueChange r = client().setVar(app, v.getKey(), v.getValue());
        ChangeReport.follow(this, "variable " + v.getKey() + " of " + app + " set", r, wait)
            .ifPresentOrElse(x -> rollouts.add(x.json()), rollouts::addNull);
      }
      if (json()) {
        var doc = JSON.createObjectNode();
        doc.set("rollouts", rollouts);
        printJson(doc);
      }
      return ExitCodes.OK;
    }
  }

  /** {@code wasmlet vars list APP}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "list",
      description = "List an app's variables and their values.")
  static final class ListVars extends ClientCommand {
    @Parameters(index = "0", paramLabel = "APP", description = "The app's name.")
    String app;

    @Override
    int run() {
      Map<String, String> vars = client().vars(app);
      if (json()) {
        var doc = JSON.createObjectNode();
        var o = doc.putObject("vars");
        vars.forEach(o::put);
        printJson(doc);
        return ExitCodes.OK;
      }
      if (vars.isEmpty()) {
        out().println("app " + app + " has no variables");
        return ExitCodes.OK;
      }
      Table t = new Table("NAME", "VALUE");
      vars.forEach(t::row);
      t.print(out());
      return ExitCodes.OK;
    }
  }

  /** {@code wasmlet vars rm APP NAME}. */
  @Command(
      mixinStandardHelpOptions = true,
      name = "rm",
      description = "Remove a variable. A new revision rolls out if the app is deployed.")
  static final class RemoveVar extends ClientCommand {
    @Parameters(index = "0", paramLabel = "APP", description = "The app's name.")
    String app;

    @Parameters(index = "1", paramLabel = "NAME", description = "The variable's name.")
    String name;

    @Mixin WaitOptions wait;

    @Override
    int run() {
      return ChangeReport.report(
          this,
          "variable " + name + " of " + app + " removed",
          client().removeVar(app, name),
          wait);
    }
  }
}
