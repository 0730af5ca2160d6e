;; Two core modules sharing one function table, numbering the same signatures differently, as
;; componentize-py's shared-everything output does. Module $b calls functions of module $a
;; through the table (call_indirect) and through an imported function; its own tag and its
;; block types name type indices. run() returns 87 when every call resolves:
;; (20 + 1) -> table[0] double 42 -> table[1] inc 43 -> double 86 -> thrown and caught -> +1 = 87.
;; wrong() calls table[0] (i32 -> i32) as i32 -> i64: it must still trap after renumbering.
(component
  (core module $A
    (type $i2i (func (param i32) (result i32)))
    (table (export "t") 2 funcref)
    (func $double (export "double") (type $i2i) local.get 0 i32.const 2 i32.mul)
    (func $inc (type $i2i) local.get 0 i32.const 1 i32.add)
    (elem (i32.const 0) func $double $inc))
  (core module $B
    (type $nop (func))
    (type $pair (func (result i32 i32)))
    (type $payload (func (param i32)))
    (type $i2i (func (param i32) (result i32)))
    (type $run (func (result i32)))
    (type $i2l (func (param i32) (result i64)))
    (import "a" "t" (table 2 funcref))
    (import "a" "double" (func $double (type $i2i)))
    (tag $oops (type $payload))
    (func (export "run") (type $run) (local i32)
      block (type $pair)
        i32.const 20
        i32.const 1
      end
      i32.add
      i32.const 0
      call_indirect (type $i2i)
      i32.const 1
      call_indirect (type $i2i)
      call $double
      local.set 0
      block $caught (result i32)
        try_table (type $run) (catch $oops $caught)
          local.get 0
          throw $oops
        end
      end
      i32.const 1
      i32.add)
    (func (export "wrong") (type $run)
      i32.const 5
      i32.const 0
      call_indirect (type $i2l)
      i32.wrap_i64))
  (core instance $a (instantiate $A))
  (core instance $b (instantiate $B (with "a" (instance $a))))
  (func $run (result u32) (canon lift (core func $b "run")))
  (func $wrong (result u32) (canon lift (core func $b "wrong")))
  (instance $api (export "run" (func $run)) (export "wrong" (func $wrong)))
  (export "wasmlet:test/shared@0.1.0" (instance $api)))
