// The control case: a well-behaved component in the same app.
#include <unistd.h>

int main(void) {
  static const char res[] = "Content-Type: text/plain\n\nok";
  return write(1, res, sizeof res - 1) == (ssize_t)(sizeof res - 1) ? 0 : 1;
}
