// A complete response, then exit(3): as in Spin, a non-zero exit status is an error whatever was
// written (expected: 500 with the generic body, the exit status in the log).
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  fputs("Content-Type: text/plain\n\nbye", stdout);
  exit(3);  // flushes stdout, then proc_exit(3)
}
