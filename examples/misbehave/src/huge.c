// Valid headers, then 64 MiB of body: past max_response (expected: 500).
#include <string.h>
#include <unistd.h>

static char block[65536];

static int write_all(const char *p, size_t len) {
  while (len > 0) {
    ssize_t n = write(1, p, len);
    if (n <= 0) return -1;
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

int main(void) {
  static const char head[] = "Content-Type: application/octet-stream\n\n";
  if (write_all(head, sizeof head - 1)) return 1;
  memset(block, 'x', sizeof block);
  for (int i = 0; i < 1024; i++) {  // 1024 * 64 KiB = 64 MiB
    if (write_all(block, sizeof block)) return 1;
  }
  return 0;
}
