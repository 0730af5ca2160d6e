// Runs one WAGI module locally under Node's WASI (preview 1), for quick checks without Wasmlet:
//   node examples/tools/wagi-run.mjs MODULE.wasm [--env K=V]... [--dir HOSTDIR:GUESTDIR]... < body
// The CGI response (stdout) and stderr are passed through; the exit status is the guest's.
// This is NOT the Wasmlet sandbox (Node's WASI is not a security boundary); use it for
// behaviour checks only.
import { readFileSync } from "node:fs";
import { WASI } from "node:wasi";

const argv = process.argv.slice(2);
const env = {};
const preopens = {};
let module = null;
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--env") {
    const kv = argv[++i];
    const eq = kv.indexOf("=");
    env[kv.slice(0, eq)] = kv.slice(eq + 1);
  } else if (argv[i] === "--dir") {
    const [host, guest] = argv[++i].split(":");
    preopens[guest] = host;
  } else {
    module = argv[i];
  }
}
if (!module) {
  console.error("usage: wagi-run.mjs MODULE.wasm [--env K=V]... [--dir HOST:GUEST]...");
  process.exit(2);
}
const wasi = new WASI({ version: "preview1", args: [module], env, preopens, returnOnExit: true });
const { instance } = await WebAssembly.instantiate(readFileSync(module), {
  wasi_snapshot_preview1: wasi.wasiImport,
});
process.exitCode = wasi.start(instance);
