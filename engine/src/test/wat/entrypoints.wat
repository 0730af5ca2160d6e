;; Two entry points: _start answers "start", alt answers "alt" (tests the WAGI entrypoint option).
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1 1)
  (data (i32.const 16) "Content-Type: text/plain\n\nstart\n")
  (data (i32.const 64) "Content-Type: text/plain\n\nalt\n")
  (func $say (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  (func (export "_start") (call $say (i32.const 16) (i32.const 32)))
  (func (export "alt") (call $say (i32.const 64) (i32.const 30))))
