;; A hello guest whose start function spins for a while (about 0.1-1 s, by machine) before any
;; request can run: every instantiation, including the one that loads it, takes that long. Tests
;; use it to hold a server's restart in the window where revisions are still loading.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory 1 1)
  (data (i32.const 16) "Content-Type: text/plain\n\nslow start\n")
  (global $spun (mut i32) (i32.const 0))
  (func $spin (local $i i32)
    (loop $again
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $again (i32.lt_u (local.get $i) (i32.const 300000000))))
    (global.set $spun (local.get $i)))
  (start $spin)
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 37))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
