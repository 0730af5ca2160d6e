;; Detects any byte leaked between requests. Each request first hashes (FNV-1a, 64 bits) its whole
;; memory, size included, and answers the hash in hex; then it writes with every kind of store
;; (scalar stores across chunk and page boundaries, memory.fill, memory.copy, memory.init), drops
;; its passive segment and grows the memory by two pages that it fills too. A fresh instance must
;; answer the hash of the pristine image every time.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory 3 16)
  (data (i32.const 400) "Content-Type: text/plain\n\n")
  (data (i32.const 1000) "image-data-page0")
  (data (i32.const 140000) "image-data-page2")
  (data $passive "passive-segment-bytes")
  (func $checksum (result i64) (local $i i32) (local $end i32) (local $h i64)
    (local.set $h (i64.const 0xcbf29ce484222325))
    (local.set $end (i32.mul (memory.size) (i32.const 65536)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $h
          (i64.mul (i64.xor (local.get $h) (i64.load8_u (local.get $i))) (i64.const 0x100000001b3)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.get $h))
  (func $hex (param $v i64) (param $at i32) (local $k i32) (local $d i32)
    (loop $digit
      (local.set $d
        (i32.wrap_i64
          (i64.and
            (i64.shr_u (local.get $v)
              (i64.extend_i32_u (i32.mul (i32.sub (i32.const 15) (local.get $k)) (i32.const 4))))
            (i64.const 15))))
      (i32.store8 (i32.add (local.get $at) (local.get $k))
        (i32.add (local.get $d)
          (select (i32.const 48) (i32.const 87) (i32.lt_u (local.get $d) (i32.const 10)))))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $digit (i32.lt_u (local.get $k) (i32.const 16)))))
  (func (export "_start") (local $h i64)
    (local.set $h (call $checksum))
    (i32.store (i32.const 70000) (i32.const -1))
    (i64.store (i32.const 65532) (i64.const -1))
    (i32.store8 (i32.const 4095) (i32.const 7))
    (i32.store16 (i32.const 8191) (i32.const 0x0101))
    (f32.store (i32.const 16500) (f32.const 1.5))
    (f64.store (i32.const 20000) (f64.const 2.5))
    (memory.fill (i32.const 131072) (i32.const 0xAB) (i32.const 65536))
    (memory.copy (i32.const 30000) (i32.const 131072) (i32.const 5000))
    (memory.init $passive (i32.const 50000) (i32.const 0) (i32.const 10))
    (data.drop $passive)
    (drop (memory.grow (i32.const 2)))
    (memory.fill (i32.const 196608) (i32.const 0xCD) (i32.const 131072))
    (call $hex (local.get $h) (i32.const 426))
    (i32.store8 (i32.const 442) (i32.const 10))
    (i32.store (i32.const 0) (i32.const 400))
    (i32.store (i32.const 4) (i32.const 43))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
