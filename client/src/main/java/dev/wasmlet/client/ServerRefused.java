package dev.wasmlet.client;

/**
 * The server answered with an error: its problem document's {@code detail} is the message.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9457">RFC 9457 problem details</a>
 */
public final class ServerRefused extends ClientException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String problem;
  private final java.util.List<String> checks;

  /**
   * @param status the HTTP status
   * @param problem the problem type's slug, e.g. {@code not-found}, or {@code unknown}
   * @param detail the server's explanation
   */
  public ServerRefused(int status, String problem, String detail) {
    this(status, problem, detail, java.util.List.of());
  }

  /**
   * @param checks for a {@code policy-rejected} problem, every supply-chain check that ran ({@code
   *     PASS name: message}), the failed one last
   */
  public ServerRefused(int status, String problem, String detail, java.util.List<String> checks) {
    super(detail);
    this.status = status;
    this.problem = problem;
    this.checks = java.util.List.copyOf(checks);
  }

  /** The supply-chain checks of a {@code policy-rejected} problem; empty for any other. */
  public java.util.List<String> checks() {
    return checks;
  }

  /** The HTTP status, e.g. 404. */
  public int status() {
    return status;
  }

  /** The problem type's slug, e.g. {@code invalid-app} (see the API contract). */
  public String problem() {
    return problem;
  }

  /** The server's explanation. */
  public String detail() {
    return getMessage();
  }
}
