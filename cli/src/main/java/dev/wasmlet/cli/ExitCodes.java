package dev.wasmlet.cli;

/** The small, documented set of exit codes (README "Exit codes"). */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** An unexpected failure (a bug): rerun with --verbose for the stack trace. */
  public static final int SOFTWARE = 1;

  /** The command line itself is wrong. */
  public static final int USAGE = 2;

  /** The app is invalid: manifest errors, modules that cannot load or link. */
  public static final int INVALID_APP = 3;

  /** The server could not start, e.g. the port is taken. */
  public static final int CANNOT_SERVE = 4;

  private ExitCodes() {}
}
