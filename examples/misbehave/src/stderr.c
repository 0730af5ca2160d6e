// Writes a line to stderr (the app log) and "ok" as the body (expected: 200 "ok").
#include <unistd.h>

int main(void) {
  static const char log[] = "log line from guest\n";
  static const char res[] = "Content-Type: text/plain\n\nok";
  write(2, log, sizeof log - 1);
  return write(1, res, sizeof res - 1) == (ssize_t)(sizeof res - 1) ? 0 : 1;
}
