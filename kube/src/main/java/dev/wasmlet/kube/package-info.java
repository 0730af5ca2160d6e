/**
 * The WasmApp custom resource: its fabric8 model ({@link dev.wasmlet.kube.WasmApp}, records that
 * mirror the CRD's schema field by field; a null component is a field the object leaves out) and
 * the CRD itself ({@link dev.wasmlet.kube.WasmAppCrd}, read from deploy/crd/ through the jar).
 */
package dev.wasmlet.kube;
