;; Tries to create /out.txt in its preopened root (fd 3) and reports "rofs" when refused with
;; EROFS (69), "open-ok" when the open succeeded, "other" otherwise.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (memory (export "memory") 1 1)
  (data (i32.const 100) "out.txt")
  (data (i32.const 200) "Content-Type: text/plain\n\nrofs\n")
  (data (i32.const 300) "Content-Type: text/plain\n\nopen-ok\n")
  (data (i32.const 400) "Content-Type: text/plain\n\nother\n")
  (func (export "_start") (local $err i32)
    (local.set $err
      (call $path_open (i32.const 3) (i32.const 0) (i32.const 100) (i32.const 7)
        (i32.const 1) (i64.const 64) (i64.const 64) (i32.const 0) (i32.const 500)))
    (if (i32.eq (local.get $err) (i32.const 69))
      (then (i32.store (i32.const 0) (i32.const 200)) (i32.store (i32.const 4) (i32.const 31)))
      (else (if (i32.eqz (local.get $err))
        (then (i32.store (i32.const 0) (i32.const 300)) (i32.store (i32.const 4) (i32.const 34)))
        (else (i32.store (i32.const 0) (i32.const 400)) (i32.store (i32.const 4) (i32.const 32))))))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
