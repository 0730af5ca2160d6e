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

  /**
   * @param status the HTTP status
   * @param problem the problem type's slug, e.g. {@code not-found}, or {@code unknown}
   * @param detail the server's explanation
   */
  public ServerRefused(int status, String problem, String detail) {
    super(detail);
    this.status = status;
    this.problem = problem;
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
