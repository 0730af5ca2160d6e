;; Sleeps 1.5 s through WASI poll_oneoff (a monotonic clock subscription), then answers.
;; Used to prove that shutdown drains in-flight requests.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1 1)
  (data (i32.const 16) "Content-Type: text/plain\n\nslow done\n")
  (data (i32.const 100) "slow started\n")
  (func (export "_start")
    ;; Tell the log we are running, so a test knows the request is in flight.
    (i32.store (i32.const 0) (i32.const 100))
    (i32.store (i32.const 4) (i32.const 13))
    (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))
    (i64.store (i32.const 1000) (i64.const 7))            ;; userdata
    (i32.store8 (i32.const 1008) (i32.const 0))            ;; tag: clock
    (i32.store (i32.const 1016) (i32.const 1))             ;; clock id: monotonic
    (i64.store (i32.const 1024) (i64.const 1500000000))    ;; timeout: 1.5 s
    (i64.store (i32.const 1032) (i64.const 0))             ;; precision
    (i32.store16 (i32.const 1040) (i32.const 0))           ;; flags: relative
    (drop (call $poll (i32.const 1000) (i32.const 2000) (i32.const 1) (i32.const 3000)))
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 36))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
