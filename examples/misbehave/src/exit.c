// A complete response, then exit(3): WAGI takes the response as given (expected: 200 "bye").
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  fputs("Content-Type: text/plain\n\nbye", stdout);
  exit(3);  // flushes stdout, then proc_exit(3)
}
