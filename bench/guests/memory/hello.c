// The hello-c guest with a chosen initial memory and, optionally, a large initialised data segment
// (BLOB_BYTES of 0x5a): what MemorySizeBench varies. Built by bench/guests/memory/build.sh.
#include <unistd.h>

#ifndef BLOB_BYTES
#define BLOB_BYTES 0
#endif

static const char RESPONSE[] =
    "Content-Type: text/plain\n"
    "\n"
    "Hello from Wasmlet!\n";

#if BLOB_BYTES > 0
// volatile: the reads below cannot be folded away, so the linker keeps the whole segment.
static const volatile unsigned char BLOB[BLOB_BYTES] = {[0 ... BLOB_BYTES - 1] = 0x5a};
#endif

int main(int argc, char **argv) {
  (void)argc;
  (void)argv;
#if BLOB_BYTES > 0
  if (BLOB[(unsigned)argc % BLOB_BYTES] != 0x5a) return 2;
#endif
  const char *p = RESPONSE;
  size_t left = sizeof(RESPONSE) - 1;
  while (left > 0) {
    ssize_t n = write(1, p, left);
    if (n <= 0) return 1;
    p += n;
    left -= (size_t)n;
  }
  return 0;
}
