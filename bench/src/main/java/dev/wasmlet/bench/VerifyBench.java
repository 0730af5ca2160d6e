package dev.wasmlet.bench;

import dev.wasmlet.signing.Evidence;
import dev.wasmlet.signing.Verdict;
import dev.wasmlet.signing.Verifier;
import dev.wasmlet.trust.AppLayout;
import dev.wasmlet.trust.ImageManifest;
import dev.wasmlet.trust.Reference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the server's supply-chain checks cost in a warm process, per deploy: every policy check on a
 * signature and a provenance bundle (two ECDSA P-256 verifications, statement parsing, subject,
 * builder and source), and the artifact plan the deployed files are matched against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VerifyBench {
  private SupplyChainFixture fixture;
  private Verifier verifier;
  private Reference ref;
  private byte[] manifest;

  @Setup
  public void setUp() throws IOException {
    Path root = Path.of(System.getProperty("wasmlet.root", "."));
    fixture = new SupplyChainFixture(root, Files.createTempDirectory("wasmlet-verify-bench"));
    verifier = new Verifier(fixture.policy);
    ref = Reference.parse(SupplyChainFixture.REFERENCE);
    manifest = fixture.artifact.manifest().toJson();
  }

  @Benchmark
  public Verdict policyChecks() {
    return verifier.verify(
        Evidence.of(fixture.artifact.digest())
            .withRegistry(ref.registry())
            .withSignatureBundle(fixture.signature)
            .withProvenanceBundle(fixture.provenance));
  }

  /** As the server does it: hash the manifest and config sent, parse, plan, list digests. */
  @Benchmark
  public Map<String, String> artifactPlan() throws NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(manifest);
    sha.digest(fixture.artifact.config());
    ImageManifest m = ImageManifest.parse(manifest, SupplyChainFixture.REFERENCE);
    return AppLayout.plan(ref, m, fixture.artifact.config()).digests();
  }
}
