package dev.wasmlet.component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a module or component imports and exports, as {@code wasmlet inspect} shows it: WIT-like
 * text for people, {@link #toMap} for {@code --output json}.
 *
 * @param kind {@code "module"} (a core module) or {@code "component"}
 * @param imports what it needs from its host, in the order the binary declares them
 * @param exports what it provides
 * @param sections how many of each section the binary holds, by name (components only)
 */
public record Inspection(
    String kind, List<Item> imports, List<Item> exports, Map<String, Integer> sections) {

  /**
   * One import or export.
   *
   * @param name its name, e.g. {@code wasi:http/types@0.2.12} or {@code [method]fields.append}
   * @param sort {@code func}, {@code type}, {@code instance}, {@code component}, {@code value},
   *     {@code core module}, or for core modules {@code memory}, {@code table}, {@code global}
   * @param wit its type as WIT-like text, e.g. {@code func(self: borrow<fields>) -> list<u8>}
   * @param members an instance's own exports; empty otherwise
   */
  public record Item(String name, String sort, String wit, List<Item> members) {
    public Item {
      members = List.copyOf(members);
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("sort", sort);
      if (!wit.isEmpty()) {
        m.put("type", wit);
      }
      if (!members.isEmpty()) {
        m.put("members", members.stream().map(Item::toMap).toList());
      }
      return m;
    }
  }

  public Inspection {
    imports = List.copyOf(imports);
    exports = List.copyOf(exports);
    sections = Map.copyOf(sections);
  }

  /** The interface-versioned names of the imported instances, e.g. {@code wasi:io/poll@0.2.12}. */
  public List<String> importedInterfaces() {
    return imports.stream().filter(i -> i.sort().equals("instance")).map(Item::name).toList();
  }

  /** WIT-like text: one {@code import}/{@code export} line per item, instance members indented. */
  public String text() {
    StringBuilder out = new StringBuilder();
    out.append(kind).append('\n');
    for (Item i : imports) {
      line(out, "import", i);
    }
    for (Item e : exports) {
      line(out, "export", e);
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String verb, Item item) {
    out.append("  ").append(verb).append(' ').append(item.name()).append(": ");
    if (item.sort().equals("instance")) {
      out.append("interface {\n");
      for (Item m : item.members()) {
        out.append("    ").append(m.name()).append(": ").append(render(m)).append('\n');
      }
      out.append("  }\n");
    } else {
      out.append(render(item)).append('\n');
    }
  }

  private static String render(Item i) {
    if (i.sort().equals("type")) {
      return "type " + i.wit();
    }
    return i.wit().isEmpty() ? i.sort() : i.wit();
  }

  /** The JSON form: {@code {"kind", "imports": [...], "exports": [...], "sections": {...}}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", kind);
    m.put("imports", new ArrayList<>(imports.stream().map(Item::toMap).toList()));
    m.put("exports", new ArrayList<>(exports.stream().map(Item::toMap).toList()));
    if (!sections.isEmpty()) {
      m.put("sections", new java.util.TreeMap<>(sections));
    }
    return m;
  }
}
