package dev.wasmlet.signing;

import java.util.Optional;

/**
 * The policy's rules on a SLSA provenance statement, one {@link Check} each: builder and source.
 */
final class ProvenanceRules {
  private ProvenanceRules() {}

  static Check builder(Policy policy, Statement statement) {
    Optional<String> id = Provenance.builderId(statement.predicate());
    if (id.isEmpty()) {
      return Check.fail("builder-trusted", "provenance names no builder (runDetails.builder.id)");
    }
    if (!policy.allowedBuilders().contains(id.get())) {
      return Check.fail(
          "builder-trusted",
          "builder "
              + id.get()
              + " is not an allowed builder (allowedBuilders: "
              + policy.allowedBuilders()
              + ")");
    }
    return Check.pass("builder-trusted", "builder " + id.get() + " is allowed");
  }

  static Check source(Policy policy, Statement statement) {
    Optional<String> repo = Provenance.sourceRepository(statement.predicate());
    if (repo.isEmpty()) {
      return Check.fail(
          "source-trusted",
          "provenance names no source repository (buildDefinition.externalParameters.source.repository)");
    }
    for (String pattern : policy.allowedSources()) {
      if (Glob.of(pattern).matches(repo.get())) {
        return Check.pass(
            "source-trusted", "source " + repo.get() + " matches allowed pattern " + pattern);
      }
    }
    return Check.fail(
        "source-trusted",
        "source "
            + repo.get()
            + " matches no allowed source pattern (allowedSources: "
            + policy.allowedSources()
            + ")");
  }
}
