package dev.wasmlet.cli;

/** Entry point of the {@code wasmlet} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    CarrierThreads.configure();
    System.exit(WasmletCommand.commandLine().execute(args));
  }
}
