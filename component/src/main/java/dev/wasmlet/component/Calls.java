package dev.wasmlet.component;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Calls across the component boundary, as the canonical ABI flattens them: at most 16 flat
 * parameters (more go through memory as a tuple) and one flat result (more come back through a
 * return pointer).
 */
final class Calls {
  static final int MAX_FLAT_PARAMS = 16;
  static final int MAX_FLAT_RESULTS = 1;

  private Calls() {}

  /** The core type {@code canon lower} gives a function of type {@code t}. */
  static FunctionType loweredType(WitType.TupleOf paramTuple, Optional<WitType> result) {
    List<ValType> params = flat(paramTuple);
    if (params.size() > MAX_FLAT_PARAMS) {
      params = List.of(ValType.I32);
    }
    List<ValType> results = result.map(Calls::flat).orElse(List.of());
    if (results.size() > MAX_FLAT_RESULTS) {
      params = new ArrayList<>(params);
      params.add(ValType.I32);
      results = List.of();
    }
    return FunctionType.of(params, results);
  }

  private static List<ValType> flat(WitType t) {
    return AbiLayout.flatten(t).stream()
        .map(
            c ->
                switch (c) {
                  case I32 -> ValType.I32;
                  case I64 -> ValType.I64;
                  case F32 -> ValType.F32;
                  case F64 -> ValType.F64;
                })
        .toList();
  }

  /** A guest's call of host function {@code f}: lift the arguments, call, lower the result. */
  static long[] intoHost(RuntimeFunc.Host f, Canon canon, Store store, long[] args) {
    CType.Func t = f.type();
    CanonicalAbi abi = canon.abi();
    CType.Shape shape = t.shape();
    WitType.TupleOf params = shape.paramTuple();
    List<?> values;
    if (shape.paramsInMemory()) {
      values = (List<?>) abi.load(params, (int) args[0]);
    } else {
      values = (List<?>) abi.liftFlat(params, args, new int[] {0});
    }
    Object[] host = new Object[values.size()];
    for (int i = 0; i < host.length; i++) {
      host[i] =
          shape.paramHandles().get(i)
              ? Handles.toHost(t.params().get(i), values.get(i), store.table())
              : values.get(i);
    }
    Object result;
    try {
      result = f.func().call(store, host);
    } catch (ComponentTrap e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ComponentTrap(f.name() + " failed: " + e);
    }
    if (t.result().isEmpty()) {
      return new long[0];
    }
    WitType rt = t.result().get();
    Object lowered = shape.resultHandles() ? Handles.toGuest(rt, result, store.table()) : result;
    if (shape.resultInMemory()) {
      abi.store(rt, lowered, (int) args[args.length - 1]);
      return new long[0];
    }
    return abi.lowerFlat(rt, lowered);
  }

  /** The host's call of a lifted guest function. */
  static Object intoGuest(RuntimeFunc.Lifted f, Store store, Object... args) {
    CType.Func t = f.type();
    CanonicalAbi abi = f.canon().abi();
    List<Object> lowered = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      lowered.add(Handles.toGuest(t.params().get(i), args[i], store.table()));
    }
    CType.Shape shape = t.shape();
    WitType.TupleOf params = shape.paramTuple();
    long[] flat;
    if (shape.paramsInMemory()) {
      int ptr = f.canon().realloc(0, 0, AbiLayout.alignment(params), AbiLayout.size(params));
      abi.store(params, lowered, ptr);
      flat = new long[] {ptr};
    } else {
      flat = abi.lowerFlat(params, lowered);
    }
    long[] out = f.core().call(flat);
    Object result = null;
    Optional<WitType> rt = t.result();
    if (rt.isPresent()) {
      Object v =
          shape.resultInMemory()
              ? abi.load(rt.get(), (int) out[0])
              : abi.liftFlat(rt.get(), out, new int[] {0});
      result = shape.resultHandles() ? Handles.toHost(rt.get(), v, store.table()) : v;
    }
    if (f.postReturn() != null) {
      f.postReturn().call(out == null ? new long[0] : out);
    }
    return result;
  }
}
