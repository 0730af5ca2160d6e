// Output that is not a CGI response: no header, no blank line, binary bytes (expected: 500).
#include <unistd.h>

int main(void) {
  static const char junk[] = "this is not CGI\x00\x01";
  write(1, junk, sizeof junk - 1);
  return 0;
}
