// Wasmlet example: a WAGI handler in AssemblyScript. @assemblyscript/wasi-shim maps `process`
// onto WASI preview 1, so the CGI variables are in process.env and the response goes to stdout.

function env(name: string): string {
  return process.env.has(name) ? process.env.get(name) : "";
}

const method = env("REQUEST_METHOD");
const pathInfo = env("PATH_INFO");
const route = env("X_MATCHED_ROUTE");

process.stdout.write(
  "Content-Type: text/plain; charset=utf-8\n" +
    "\n" +
    "Hello from AssemblyScript on Wasmlet!\n" +
    "method=" + method + "\n" +
    "path_info=" + pathInfo + "\n" +
    "route=" + route + "\n",
);
