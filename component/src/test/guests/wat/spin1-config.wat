;; The imports of a Spin 1.x app turned into a component by Spin's adapter (crates/componentize):
;; Spin 1's unversioned fermyon:spin interfaces, which Wasmlet refuses by name.
(component
  (import "fermyon:spin/config" (instance
    (export "get-config" (func (param "key" string) (result string))))))
