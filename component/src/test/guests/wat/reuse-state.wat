;; A component whose core instance has state outside linear memory: a mutable global, a table
;; and a passive element segment. An instance reused for a later request must start as a fresh
;; one: bump() answers 1, first() answers 1 (table[0] is $one), init() succeeds (the segment is
;; back after drop()), and grow() makes the instance unfit for reuse.
(component
  (core module $m
    (global $g (mut i32) (i32.const 0))
    (table $t 2 funcref)
    (type $r (func (result i32)))
    (func $one (result i32) i32.const 1)
    (func $two (result i32) i32.const 2)
    (elem (i32.const 0) func $one $two)
    (elem $e func $two)
    (func (export "bump") (result i32)
      global.get $g
      i32.const 1
      i32.add
      global.set $g
      global.get $g)
    (func (export "first") (result i32)
      i32.const 0
      call_indirect $t (type $r))
    (func (export "swap") (result i32)
      i32.const 0
      ref.func $two
      table.set $t
      i32.const 0)
    (func (export "drop") (result i32)
      elem.drop $e
      i32.const 0)
    (func (export "init") (result i32)
      i32.const 1
      i32.const 0
      i32.const 1
      table.init $t $e
      i32.const 0)
    (func (export "grow") (result i32)
      ref.null func
      i32.const 1
      table.grow $t))
  (core instance $i (instantiate $m))
  (func $bump (result u32) (canon lift (core func $i "bump")))
  (func $first (result u32) (canon lift (core func $i "first")))
  (func $swap (result u32) (canon lift (core func $i "swap")))
  (func $drop (result u32) (canon lift (core func $i "drop")))
  (func $init (result u32) (canon lift (core func $i "init")))
  (func $grow (result u32) (canon lift (core func $i "grow")))
  (instance $api
    (export "bump" (func $bump))
    (export "first" (func $first))
    (export "swap" (func $swap))
    (export "drop" (func $drop))
    (export "init" (func $init))
    (export "grow" (func $grow)))
  (export "wasmlet:test/reuse" (instance $api)))
