package dev.wasmlet.cli;

import dev.wasmlet.trust.Attachments;
import dev.wasmlet.trust.Reference;
import dev.wasmlet.trust.Registry;
import java.util.List;
import java.util.Optional;

/**
 * The newest signature and provenance bundles filed with an artifact in its registry (each checked
 * against the digest its index names).
 */
record AttachedBundles(Optional<byte[]> signature, Optional<byte[]> provenance) {
  static AttachedBundles of(Registry registry, Reference ref, String digest) {
    return new AttachedBundles(
        newest(Attachments.find(registry, ref.repository(), digest, SignCommand.SIGNATURE_TYPE)),
        newest(
            Attachments.find(registry, ref.repository(), digest, VerifyCommand.PROVENANCE_TYPE)));
  }

  private static Optional<byte[]> newest(List<byte[]> found) {
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
  }
}
