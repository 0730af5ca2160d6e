package dev.wasmlet.cli;

import dev.wasmlet.engine.EngineVersion;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root command: global options and the one error handler of the tool. */
@Command(
    name = "wasmlet",
    mixinStandardHelpOptions = true,
    versionProvider = WasmletCommand.Version.class,
    description = "Run HTTP services compiled to WebAssembly.",
    subcommands = {
      UpCommand.class,
      ServerCommand.class,
      OperatorCommand.class,
      DeployCommand.class,
      PushCommand.class,
      KeysCommand.class,
      InspectCommand.class,
      SignCommand.class,
      VerifyCommand.class,
      PullCommand.class,
      CopyCommand.class,
      LoginCommand.class,
      LogoutCommand.class,
      AppsCommand.class,
      AppCommand.class,
      RevisionsCommand.class,
      RollbackCommand.class,
      TrafficCommand.class,
      SecretsCommand.class,
      VarsCommand.class,
      KvCommand.class,
      SqliteCommand.class,
      LogsCommand.class,
      StatusCommand.class,
      DeleteCommand.class,
      TokensCommand.class,
      ContextCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class WasmletCommand {
  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Show stack traces and debug logs.")
  boolean verbose;

  /** A configured command line with Wasmlet's error handling and exit codes. */
  public static CommandLine commandLine() {
    return commandLine(
        new PrintWriter(new OutputStreamWriter(System.out, System.out.charset()), true),
        new PrintWriter(new OutputStreamWriter(System.err, System.err.charset()), true));
  }

  /** The same, writing to the given streams (tests run the real command line in-process). */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new WasmletCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExitCodeExceptionMapper(
        e -> e instanceof CliFailure f ? f.exitCode() : ExitCodes.SOFTWARE);
    cl.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          boolean verbose = parsed.matchedOption("--verbose") != null || isVerbose(parsed);
          PrintWriter w = cmd.getErr();
          if (e instanceof CliFailure f) {
            w.println("error: " + f.getMessage());
            if (verbose && f.getCause() != null) {
              f.getCause().printStackTrace(w);
            }
            return f.exitCode();
          }
          w.println("error: unexpected failure: " + e);
          if (verbose) {
            e.printStackTrace(w);
          } else {
            w.println("rerun with --verbose for details");
          }
          return ExitCodes.SOFTWARE;
        });
    cl.setParameterExceptionHandler(
        (e, args) -> {
          PrintWriter w = e.getCommandLine().getErr();
          w.println("error: " + e.getMessage());
          w.println("see: wasmlet " + e.getCommandLine().getCommandName() + " --help");
          return ExitCodes.USAGE;
        });
    return cl;
  }

  private static boolean isVerbose(CommandLine.ParseResult parsed) {
    for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
      if (p.matchedOption("--verbose") != null) {
        return true;
      }
    }
    return false;
  }

  /** Prints Wasmlet's and the engine's versions. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "wasmlet " + EngineVersion.wasmlet(),
        "engine: Chicory " + EngineVersion.chicory() + " (runtime compiler)",
        "java: " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
      };
    }
  }
}
