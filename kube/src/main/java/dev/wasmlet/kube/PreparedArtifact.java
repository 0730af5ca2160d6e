package dev.wasmlet.kube;

import dev.wasmlet.client.DeployedArtifact;
import dev.wasmlet.client.PackedApp;

/**
 * An artifact pulled once and packed for upload, deployed to every executor from the same files.
 *
 * @param digest its manifest digest
 * @param packed its files, as the admin API takes them
 * @param artifact what an executor's supply-chain policy checks it by
 */
record PreparedArtifact(String digest, PackedApp packed, DeployedArtifact artifact) {}
