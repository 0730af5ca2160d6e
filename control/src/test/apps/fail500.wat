;; fail500: answers every request with 500 and "boom\n", except /health, which answers 200 "ok\n":
;; it passes readiness, so only a canary's error-rate gate catches it.
;;
;; Memory: 0 environ count, 4 environ size, 8 bytes written, 16..80 iovecs, 80 clock, 128..
;; constants; the environment goes into pages grown past the first one.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (memory (export "memory") 1 8)

  (data (i32.const 128) "Content-Type: text/plain\n\n")    ;; 26
  (data (i32.const 160) "ok\n")                            ;; 3
  (data (i32.const 168) "Status: 500\n")                   ;; 12
  (data (i32.const 184) "PATH_INFO")                       ;; 9
  (data (i32.const 200) "/health")                         ;; 7
  (data (i32.const 208) "boom\n")                          ;; 5

  (global $env_count (mut i32) (i32.const 0))
  (global $env_ptrs (mut i32) (i32.const 0))
  (global $value_len (mut i32) (i32.const 0))
  (global $iovs (mut i32) (i32.const 0))

  (func (export "_start")
    (call $load_env)
    (if (call $is (call $getenv (i32.const 184) (i32.const 9)) (i32.const 200) (i32.const 7))
      (then
        (call $out (i32.const 128) (i32.const 26))
        (call $out (i32.const 160) (i32.const 3)))
      (else
        (call $out (i32.const 168) (i32.const 12))
        (call $out (i32.const 128) (i32.const 26))
        (call $out (i32.const 208) (i32.const 5))))
    (call $flush))

  ;; --- the same helpers in every app of this directory ---------------------------------------

  ;; Copies the environment into freshly grown pages: pointers first, then the strings.
  (func $load_env
    (local $need i32)
    (drop (call $environ_sizes_get (i32.const 0) (i32.const 4)))
    (global.set $env_count (i32.load (i32.const 0)))
    (local.set $need
      (i32.add (i32.shl (global.get $env_count) (i32.const 2)) (i32.load (i32.const 4))))
    (global.set $env_ptrs (i32.shl (memory.size) (i32.const 16)))
    (if (i32.eq
          (memory.grow (i32.shr_u (i32.add (local.get $need) (i32.const 65535)) (i32.const 16)))
          (i32.const -1))
      (then unreachable))
    (drop (call $environ_get
      (global.get $env_ptrs)
      (i32.add (global.get $env_ptrs) (i32.shl (global.get $env_count) (i32.const 2))))))

  ;; The value of the variable named by (name, len), its length in $value_len; -1 when unset.
  (func $getenv (param $name i32) (param $len i32) (result i32)
    (local $i i32) (local $entry i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (global.get $env_count)))
        (local.set $entry
          (i32.load (i32.add (global.get $env_ptrs) (i32.shl (local.get $i) (i32.const 2)))))
        (if (call $starts (local.get $entry) (local.get $name) (local.get $len))
          (then
            (if (i32.eq (i32.load8_u (i32.add (local.get $entry) (local.get $len))) (i32.const 61))
              (then
                (local.set $entry (i32.add (local.get $entry) (i32.add (local.get $len) (i32.const 1))))
                (global.set $value_len (call $strlen (local.get $entry)))
                (return (local.get $entry))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (global.set $value_len (i32.const 0))
    (i32.const -1))

  ;; Whether the NUL-terminated string at $s starts with the $len bytes at $p.
  (func $starts (param $s i32) (param $p i32) (param $len i32) (result i32)
    (local $i i32)
    (block $differs
      (loop $next
        (if (i32.ge_u (local.get $i) (local.get $len)) (then (return (i32.const 1))))
        (br_if $differs
          (i32.ne
            (i32.load8_u (i32.add (local.get $s) (local.get $i)))
            (i32.load8_u (i32.add (local.get $p) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (i32.const 0))

  (func $strlen (param $s i32) (result i32)
    (local $n i32)
    (block $end
      (loop $next
        (br_if $end (i32.eqz (i32.load8_u (i32.add (local.get $s) (local.get $n)))))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $n))

  ;; Whether the value $v just returned by $getenv equals the $len bytes at $p.
  (func $is (param $v i32) (param $p i32) (param $len i32) (result i32)
    (if (i32.eq (local.get $v) (i32.const -1)) (then (return (i32.const 0))))
    (if (i32.ne (global.get $value_len) (local.get $len)) (then (return (i32.const 0))))
    (call $starts (local.get $v) (local.get $p) (local.get $len)))

  ;; Queues (ptr, len) for stdout; at most 8 pieces per response.
  (func $out (param $p i32) (param $len i32)
    (local $iov i32)
    (local.set $iov (i32.add (i32.const 16) (i32.shl (global.get $iovs) (i32.const 3))))
    (i32.store (local.get $iov) (local.get $p))
    (i32.store offset=4 (local.get $iov) (local.get $len))
    (global.set $iovs (i32.add (global.get $iovs) (i32.const 1))))

  (func $flush
    (drop (call $fd_write (i32.const 1) (i32.const 16) (global.get $iovs) (i32.const 8)))
    (global.set $iovs (i32.const 0)))
)
