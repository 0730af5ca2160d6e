// Starts a response, then executes `unreachable` (expected: 500, the partial header is dropped).
#include <unistd.h>

int main(void) {
  static const char head[] = "Content-Type: text/plain\n";
  write(1, head, sizeof head - 1);
  __builtin_trap();
}
