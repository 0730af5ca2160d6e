// Loaded by scripts/jco-serve.sh into the node process that `jco serve` runs the server in
// (--jco-import). Without it, one guest trap or failed request kills the whole server: jco serve
// lets the error escape as an uncaught exception. A client that closes its connection mid-request
// (wrk does at the end of every run) makes the guest's body read fail, the echo guests trap, and
// the server is gone. With a fresh instance per request the trapped instance is never used again,
// so logging the error and serving on is sound; the failed request gets no response.
import process from 'node:process';

process.on('uncaughtException', (error) => {
  console.error('jco-serve: a request failed; serving on:', error);
});
