package dev.wasmlet.app;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Spin's manifest normalisation ({@code crates/manifest/src/normalize.rs}), the source of the ids a
 * locked app carries: first every HTTP trigger gets an id, then every component table written
 * inline in a trigger becomes a component of its own, named as Spin names it, and the trigger
 * refers to it by that id.
 *
 * <ul>
 *   <li>A trigger keeps the {@code id} it was given. Otherwise a trigger that names its component
 *       is {@code <component>-http-trigger} when that is free; every other trigger takes the first
 *       free {@code http-trigger<n>}, counting from 1 across the manifest.
 *   <li>An inline component is {@code <trigger id>-component}, unless that is not a kebab-case id
 *       or names a component already; then the first free {@code inline-component<n>}. Inline
 *       components follow the named ones, in trigger order.
 * </ul>
 */
final class Normalizer {
  /** Spin's {@code KebabId}: words of ASCII letters and digits, each starting with a letter. */
  private static final Pattern KEBAB =
      Pattern.compile("([a-z][a-z0-9]*|[A-Z][A-Z0-9]*)(-([a-z][a-z0-9]*|[A-Z][A-Z0-9]*))*");

  private Normalizer() {}

  /**
   * Gives every trigger its id and adds each inline component to {@code components}.
   *
   * @return the triggers, each with an id and a component id
   */
  static List<TriggerSpec> normalize(
      List<TriggerReader.Read> read, Map<String, ComponentSpec> components, Lines lines) {
    Set<String> taken = new HashSet<>();
    read.forEach(r -> r.spec().id().ifPresent(taken::add));
    List<String> ids = new ArrayList<>();
    int counter = 1;
    for (TriggerReader.Read r : read) {
      TriggerSpec t = r.spec();
      if (t.id().isPresent()) {
        ids.add(t.id().get());
        continue;
      }
      if (r.inlineComponent().isEmpty() && !t.component().isEmpty()) {
        String natural = t.component() + "-http-trigger";
        if (taken.add(natural)) {
          ids.add(natural);
          continue;
        }
      }
      String id;
      do {
        id = "http-trigger" + counter++;
      } while (!taken.add(id));
      ids.add(id);
    }
    List<TriggerSpec> out = new ArrayList<>();
    for (int i = 0; i < read.size(); i++) {
      TriggerReader.Read r = read.get(i);
      TriggerSpec t = r.spec();
      String component = t.component();
      if (r.inlineComponent().isPresent()) {
        component = inlineId(ids.get(i), components);
        List<Object> writtenAt = List.of("trigger", "http", i, "component");
        lines.inlineComponent(component, writtenAt);
        Section table = r.inlineComponent().get();
        Section named =
            table.at(
                table.table(),
                writtenAt,
                "component \"" + component + "\" (inline in [[trigger.http]] #" + t.number() + ")");
        components.put(component, ComponentReader.component(component, named));
      }
      out.add(
          new TriggerSpec(
              t.number(),
              Optional.of(ids.get(i)),
              t.route(),
              t.isPrivate(),
              component,
              t.executor()));
    }
    return out;
  }

  private static String inlineId(String triggerId, Map<String, ComponentSpec> components) {
    String natural = triggerId + "-component";
    if (KEBAB.matcher(natural).matches() && !components.containsKey(natural)) {
      return natural;
    }
    int n = 1;
    while (components.containsKey("inline-component" + n)) {
      n++;
    }
    return "inline-component" + n;
  }
}
