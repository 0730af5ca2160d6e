;; The shape of a Spin 1.x HTTP module (Spin 1 Rust SDK, wit-bindgen 0.2): it imports Spin 1's
;; spin-config host module and exports handle-http-request instead of _start.
(module
  (import "spin-config" "get-config" (func $get (param i32 i32 i32)))
  (memory (export "memory") 1)
  (func (export "canonical_abi_realloc") (param i32 i32 i32 i32) (result i32) i32.const 0)
  (func (export "handle-http-request") (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)
    i32.const 0))
