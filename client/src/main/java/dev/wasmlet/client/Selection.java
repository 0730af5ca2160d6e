package dev.wasmlet.client;

import java.util.Optional;

/**
 * What the command line chose: {@code --server}, {@code --token}, {@code --context}. Each overrides
 * its environment variable, which overrides the contexts file.
 */
public record Selection(Optional<String> server, Optional<String> token, Optional<String> context) {
  /** Nothing chosen: the environment, the current context, or the local default decide. */
  public static Selection none() {
    return new Selection(Optional.empty(), Optional.empty(), Optional.empty());
  }
}
