;; Imports a function Wasmlet does not provide.
(module
  (import "env" "launch_missiles" (func $m))
  (memory (export "memory") 1 1)
  (func (export "_start") (call $m)))
