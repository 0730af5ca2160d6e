package dev.wasmlet.component;

import dev.wasmlet.component.CType.Extern;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replaces abstract resource keys with concrete ones throughout a type: an instance type's {@code
 * (sub resource)} exports become the importing interface's resources when it is imported.
 */
final class Substitution {
  private Substitution() {}

  static CType of(CType t, Map<String, String> keys) {
    if (keys.isEmpty()) {
      return t;
    }
    return switch (t) {
      case CType.Val v -> new CType.Val(of(v.type(), keys));
      case CType.Func f ->
          new CType.Func(
              f.names(),
              f.params().stream().map(p -> of(p, keys)).toList(),
              f.result().map(r -> of(r, keys)));
      case CType.Resource r -> new CType.Resource(keys.getOrDefault(r.key(), r.key()));
      case CType.Instance i -> {
        Map<String, Extern> out = new LinkedHashMap<>();
        i.exports().forEach((n, e) -> out.put(n, new Extern(e.sort(), of(e.type(), keys))));
        yield new CType.Instance(out);
      }
      case CType.Opaque o -> o;
    };
  }

  static WitType of(WitType t, Map<String, String> keys) {
    return switch (t) {
      case WitType.Prim p -> p;
      case WitType.ListOf l -> new WitType.ListOf(of(l.element(), keys));
      case WitType.RecordOf r -> {
        List<WitType.Field> fields = new ArrayList<>();
        r.fields().forEach(f -> fields.add(new WitType.Field(f.name(), of(f.type(), keys))));
        yield new WitType.RecordOf(fields);
      }
      case WitType.TupleOf u ->
          new WitType.TupleOf(u.types().stream().map(x -> of(x, keys)).toList());
      case WitType.VariantOf v ->
          new WitType.VariantOf(
              v.cases().stream()
                  .map(c -> new WitType.Case(c.name(), c.payload().map(p -> of(p, keys))))
                  .toList());
      case WitType.EnumOf e -> e;
      case WitType.FlagsOf f -> f;
      case WitType.OptionOf o -> new WitType.OptionOf(of(o.payload(), keys));
      case WitType.ResultOf r ->
          new WitType.ResultOf(r.ok().map(x -> of(x, keys)), r.err().map(x -> of(x, keys)));
      case WitType.Handle h ->
          new WitType.Handle(keys.getOrDefault(h.resource(), h.resource()), h.owned());
    };
  }
}
