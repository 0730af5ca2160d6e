;; Detects state leaked between requests: a global and a memory cell both start at 0.
;; Prints "fresh" only when both are still 0, then sets them.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1 16)
  (global $count (mut i32) (i32.const 0))
  (data (i32.const 16) "Content-Type: text/plain\n\nfresh\n")
  (data (i32.const 64) "Content-Type: text/plain\n\nstale\n")
  (func (export "_start")
    (i32.store (i32.const 4) (i32.const 32))
    (if (i32.or (global.get $count) (i32.load (i32.const 1024)))
      (then (i32.store (i32.const 0) (i32.const 64)))
      (else (i32.store (i32.const 0) (i32.const 16))))
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (i32.store (i32.const 1024) (i32.const 1))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
