package dev.wasmlet.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The SLSA Provenance v1 schema ({@code slsa-provenance-v1.schema.json} beside this class, written
 * from the spec: SLSA publishes no JSON Schema), for tests to check every provenance Wasmlet
 * writes. Formats ({@code uri}, {@code date-time}) are asserted, not just annotated.
 */
public final class ProvenanceSchema {
  private static final Schema SCHEMA = load();

  private ProvenanceSchema() {}

  /** What is wrong with an in-toto statement carrying a SLSA v1 provenance; empty when valid. */
  public static List<String> problems(JsonNode statement) {
    return SCHEMA
        .validate(statement, ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true)))
        .stream()
        .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
        .toList();
  }

  /** Fails the test, listing every problem, unless the statement is a valid SLSA v1 provenance. */
  public static void assertValid(JsonNode statement) {
    assertThat(problems(statement)).as("SLSA v1 schema problems of %s", statement).isEmpty();
  }

  private static Schema load() {
    try (InputStream in =
        ProvenanceSchema.class.getResourceAsStream("slsa-provenance-v1.schema.json")) {
      if (in == null) {
        throw new IllegalStateException("slsa-provenance-v1.schema.json is not on the class path");
      }
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
