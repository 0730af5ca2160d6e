;; A start function (run by every instantiation) that counts in memory: a request answers "A" when
;; its instance started from the pristine image (start ran once on it), "B" or later when bytes of
;; an earlier request survived.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory 1 2)
  (data (i32.const 16) "Content-Type: text/plain\n\n?\n")
  (func $init (i32.store8 (i32.const 100) (i32.add (i32.load8_u (i32.const 100)) (i32.const 1))))
  (start $init)
  (func (export "_start")
    (i32.store8 (i32.const 42) (i32.add (i32.const 64) (i32.load8_u (i32.const 100))))
    (i32.store8 (i32.const 100) (i32.add (i32.load8_u (i32.const 100)) (i32.const 10)))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 28))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
