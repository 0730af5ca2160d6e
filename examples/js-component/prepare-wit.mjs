// Lays out the WIT that `jco componentize` builds the echo component against:
//   node prepare-wit.mjs OUT_DIR
// OUT_DIR/world.wit is a copy of wit/world.wit; OUT_DIR/deps/wasi-*/package.wit are jco's bundled
// WASI 0.2.12 packages (node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12) rewritten for
// the StarlingMonkey engine inside componentize-js 0.22, which is built against WASI 0.2.10:
//  - every @0.2.12 becomes @0.2.10;
//  - `@unstable(feature = clocks-timezone)` and `@unstable(feature = network-error-code)` gates
//    are dropped, keeping their items: the engine's 0.2.10 world has wasi:clocks/timezone and
//    wasi:sockets/network's error + network-error-code as plain items, and with them gated or
//    removed the splicer fails ("failed to merge package wasi:sockets@0.2.10 ... expected type
//    `error` to be present");
//  - items behind any other @unstable gate (0.2.12's wasi:http response-outparam
//    send-informational) are removed: left in, the component's wasi:http/types@0.2.10 import
//    carries `[method]response-outparam.send-informational`, which wasmtime 48's `serve` does not
//    provide ("instance export ... has the wrong type").
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: node prepare-wit.mjs OUT_DIR');
  process.exit(2);
}
const src = join(here, 'node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12');

const ENGINE_FEATURES = new Set(['clocks-timezone', 'network-error-code']);

// Drops the gate line of each item behind an ENGINE_FEATURES gate; removes each item behind any
// other @unstable gate: up to the `;` that ends a one-line item, or the `}` that closes a block.
function rewriteUnstable(text) {
  const lines = text.split('\n');
  const kept = [];
  for (let i = 0; i < lines.length; i++) {
    const gate = /^\s*@unstable\(feature = ([a-z0-9-]+)\)\s*$/.exec(lines[i]);
    if (!gate) {
      kept.push(lines[i]);
      continue;
    }
    if (ENGINE_FEATURES.has(gate[1])) continue;
    let depth = 0;
    let j = i + 1;
    for (; j < lines.length; j++) {
      for (const ch of lines[j]) {
        if (ch === '{' || ch === '(') depth++;
        if (ch === '}' || ch === ')') depth--;
      }
      const t = lines[j].trim();
      if (depth === 0 && (t.endsWith(';') || t.endsWith('}'))) break;
    }
    console.error(`prepare-wit: removed @unstable(feature = ${gate[1]}): ${lines[i + 1].trim()}`);
    i = j;
  }
  return kept.join('\n');
}

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'deps'), { recursive: true });
copyFileSync(join(here, 'wit/world.wit'), join(out, 'world.wit'));
for (const pkg of readdirSync(src).filter((n) => n.startsWith('wasi-')).sort()) {
  const text = readFileSync(join(src, pkg, 'package.wit'), 'utf8');
  const rewritten = rewriteUnstable(text.replaceAll('@0.2.12', '@0.2.10'));
  if (/@unstable|0\.2\.12/.test(rewritten)) throw new Error(`${pkg}: rewrite left 0.2.12 or @unstable`);
  mkdirSync(join(out, 'deps', pkg), { recursive: true });
  writeFileSync(join(out, 'deps', pkg, 'package.wit'), rewritten);
}
