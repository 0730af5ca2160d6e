package dev.wasmlet.kube;

/** The kinds of rollout a WasmApp can ask for, spelled as in the CRD. */
public enum StrategyType {
  AllAtOnce,
  Canary,
  BlueGreen
}
