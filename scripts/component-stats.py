#!/usr/bin/env python3
"""Summarises the core modules inside a WebAssembly component (or a core module), cheaply.

    python3 scripts/component-stats.py COMPONENT.wasm [--top N]

For each core module, depth-first in binary order (nested components included): its size,
numbers of imported/defined functions, memories, tables, globals, data segments, and the N
largest function bodies (bytes, with the name-section name when there is one). Reads the binary
directly (no `wasm-tools print`, whose text for a 14-40 MB component is hundreds of MB).
"""
import argparse
import sys


def leb(buf, pos):
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if b < 0x80:
            return result, pos


def name_str(buf, pos):
    n, pos = leb(buf, pos)
    return buf[pos:pos + n].decode("utf-8", "replace"), pos + n


def parse_names(buf, start, end):
    """function index -> name, from a `name` custom section's payload."""
    names = {}
    pos = start
    while pos < end:
        sub = buf[pos]
        size, pos = leb(buf, pos + 1)
        if sub == 1:
            p = pos
            count, p = leb(buf, p)
            for _ in range(count):
                idx, p = leb(buf, p)
                nm, p = name_str(buf, p)
                names[idx] = nm
        pos += size
    return names


def core_module(buf, start, end):
    """Stats of the core module at buf[start:end] (starts with the magic)."""
    pos = start + 8
    stats = {"size": end - start, "imported_funcs": 0, "imported_memories": 0,
             "imported_tables": 0, "imported_globals": 0, "funcs": 0, "memories": 0,
             "tables": 0, "globals": 0, "data": 0, "bodies": [], "names": {}}
    while pos < end:
        sid = buf[pos]
        size, pos = leb(buf, pos + 1)
        body_end = pos + size
        if sid == 0:
            nm, p = name_str(buf, pos)
            if nm == "name":
                try:
                    stats["names"] = parse_names(buf, p, body_end)
                except IndexError:
                    pass
        elif sid == 2:  # imports
            count, p = leb(buf, pos)
            for _ in range(count):
                _, p = name_str(buf, p)
                _, p = name_str(buf, p)
                kind = buf[p]
                p += 1
                if kind == 0:
                    stats["imported_funcs"] += 1
                    _, p = leb(buf, p)
                elif kind == 1:  # table: reftype + limits
                    stats["imported_tables"] += 1
                    p += 1
                    flags = buf[p]
                    p += 1
                    _, p = leb(buf, p)
                    if flags & 1:
                        _, p = leb(buf, p)
                elif kind == 2:  # memory: limits
                    stats["imported_memories"] += 1
                    flags = buf[p]
                    p += 1
                    _, p = leb(buf, p)
                    if flags & 1:
                        _, p = leb(buf, p)
                    if flags & 8:  # custom page size
                        _, p = leb(buf, p)
                elif kind == 3:  # global: valtype + mut
                    stats["imported_globals"] += 1
                    p += 2
                elif kind == 4:  # tag
                    p += 1
                    _, p = leb(buf, p)
                else:
                    break
        elif sid == 3:
            stats["funcs"], _ = leb(buf, pos)
        elif sid == 4:
            stats["tables"], _ = leb(buf, pos)
        elif sid == 5:
            stats["memories"], _ = leb(buf, pos)
        elif sid == 6:
            stats["globals"], _ = leb(buf, pos)
        elif sid == 11:
            stats["data"], _ = leb(buf, pos)
        elif sid == 10:
            count, p = leb(buf, pos)
            for i in range(count):
                n, p2 = leb(buf, p)
                stats["bodies"].append((n, stats["imported_funcs"] + i))
                p = p2 + n
        pos = body_end
    return stats


def walk(buf, start, end, out, depth=0):
    """Appends (depth, stats) for every core module in the component at buf[start:end]."""
    layer = buf[start + 6]
    if layer == 0:  # a core module
        out.append((depth, core_module(buf, start, end)))
        return
    pos = start + 8
    while pos < end:
        sid = buf[pos]
        size, pos = leb(buf, pos + 1)
        if sid == 1:  # core module
            out.append((depth, core_module(buf, pos, pos + size)))
        elif sid == 4:  # nested component
            walk(buf, pos, pos + size, out, depth + 1)
        pos += size


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("wasm")
    ap.add_argument("--top", type=int, default=3)
    args = ap.parse_args()
    buf = open(args.wasm, "rb").read()
    if buf[:4] != b"\0asm":
        sys.exit(f"{args.wasm}: not a WebAssembly binary")
    kind = "component" if buf[6] == 1 else "core module"
    modules = []
    walk(buf, 0, len(buf), modules)
    print(f"{args.wasm}: {kind}, {len(buf)} bytes, {len(modules)} core module(s)")
    for i, (depth, s) in enumerate(modules):
        bodies = sorted(s["bodies"], reverse=True)
        code = sum(n for n, _ in bodies)
        print(f"{'  ' * depth}module {i}: {s['size']} bytes, funcs {s['imported_funcs']} imported"
              f" + {s['funcs']} defined ({code} bytes of code), memories"
              f" {s['imported_memories']}+{s['memories']}, tables {s['imported_tables']}+{s['tables']},"
              f" globals {s['imported_globals']}+{s['globals']}, data segments {s['data']}"
              f" (imported+defined)")
        for n, idx in bodies[:args.top]:
            label = s["names"].get(idx, "")
            print(f"{'  ' * depth}  func {idx}: {n} bytes {label}")


if __name__ == "__main__":
    main()
