package dev.wasmlet.app;

import java.util.List;
import java.util.Optional;

/**
 * The {@code [application]} table as written.
 *
 * @param name the app's name (empty only in a manifest that failed to parse)
 * @param base {@code [application.trigger.http] base}, the prefix of every route
 * @param health {@code health}: a request path that answers 2xx while the app is healthy (Wasmlet
 *     only)
 */
public record ApplicationSpec(
    String name,
    Optional<String> version,
    Optional<String> description,
    List<String> authors,
    Optional<String> base,
    Optional<String> health) {
  public ApplicationSpec {
    authors = List.copyOf(authors);
  }
}
