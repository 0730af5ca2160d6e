;; A data segment that does not fit the memory: instantiation fails (at load, not per request).
(module
  (memory 1 1)
  (data (i32.const 65530) "0123456789")
  (func (export "_start")))
