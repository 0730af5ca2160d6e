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

  /**
   * A rollout did not succeed: it failed (the new revision never got traffic), was rolled back or
   * superseded, or was still running when {@code --timeout} ran out (it goes on on the server).
   */
  public static final int ROLLOUT_FAILED = 5;

  /**
   * The server refused the request: an unknown app or revision, bad input, a conflict, a missing or
   * revoked token. The message is the server's reason.
   */
  public static final int REFUSED = 6;

  /** No server answered at the address (nothing listening, or no answer in time). */
  public static final int UNREACHABLE = 7;

  private ExitCodes() {}
}
