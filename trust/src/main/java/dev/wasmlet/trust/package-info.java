/**
 * Moving apps through OCI registries in Spin's registry format ({@link ArtifactPush}, {@link
 * ArtifactPull}) and keeping what was pulled in a local content-addressed {@link ContentStore}.
 */
package dev.wasmlet.trust;
