// Detects state leaking between requests: with a fresh instance per request the counter is
// always 1 and the buffer always zero (expected: 200 "count=1 fresh=yes").
#include <string.h>
#include <unistd.h>

static volatile int count;
static volatile char scratch[4096];

int main(void) {
  count = count + 1;
  int fresh = 1;
  for (size_t i = 0; i < sizeof scratch; i++) fresh &= scratch[i] == 0;
  for (size_t i = 0; i < sizeof scratch; i++) scratch[i] = (char)('A' + i % 26);  // the marker

  char res[64] = "Content-Type: text/plain\n\ncount=";
  size_t len = strlen(res);
  char digits[12];
  int n = count, d = 0;
  do {
    digits[d++] = (char)('0' + n % 10);
    n /= 10;
  } while (n > 0 && d < (int)sizeof digits);
  while (d > 0) res[len++] = digits[--d];
  const char *tail = fresh ? " fresh=yes" : " fresh=no";
  memcpy(res + len, tail, strlen(tail));
  len += strlen(tail);
  return write(1, res, len) == (ssize_t)len ? 0 : 1;
}
