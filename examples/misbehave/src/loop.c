// Never returns: the host must stop it at the component's timeout (expected: 504).
#include <unistd.h>

static volatile unsigned long counter;

int main(void) {
  static const char head[] = "Content-Type: text/plain\n\n";
  write(1, head, sizeof head - 1);  // even a started response must not save it
  for (;;) counter++;
}
