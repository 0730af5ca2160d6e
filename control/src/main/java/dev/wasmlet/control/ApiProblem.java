package dev.wasmlet.control;

/**
 * A request the admin API refuses, with the status and the problem type it answers with. The
 * message is safe to send: it names the culprit and the fix, never a secret or a host path.
 */
public class ApiProblem extends ControlException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String type;

  public ApiProblem(int status, String type, String message) {
    super(message);
    this.status = status;
    this.type = type;
  }

  public int status() {
    return status;
  }

  /** The slug of the problem type, e.g. {@code not-found}. */
  public String type() {
    return type;
  }

  /** Adds this problem's own members to its problem document; none by default. */
  void extend(com.fasterxml.jackson.databind.node.ObjectNode problem) {}

  static ApiProblem notFound(String message) {
    return new ApiProblem(404, "not-found", message);
  }

  /** 404 for a revision number the app does not have. */
  static ApiProblem noRevision(String app, int n) {
    return notFound("app \"" + app + "\" has no revision " + n + "; see wasmlet revisions " + app);
  }

  static ApiProblem invalid(String message) {
    return new ApiProblem(400, "invalid-request", message);
  }

  static ApiProblem conflict(String message) {
    return new ApiProblem(409, "conflict", message);
  }
}
