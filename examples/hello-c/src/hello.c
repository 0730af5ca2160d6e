// Wasmlet example: the smallest useful WAGI handler (also the benchmark guest).
// The whole CGI response is one static buffer written with a single write(2): no stdio.
#include <unistd.h>

static const char RESPONSE[] =
    "Content-Type: text/plain\n"
    "\n"
    "Hello from Wasmlet!\n";

int main(void) {
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
