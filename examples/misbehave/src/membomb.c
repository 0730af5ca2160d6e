// Allocates and touches 1 MiB chunks forever, growing linear memory until the host's
// max_memory refuses (expected: 500). If memory.grow fails and malloc returns NULL, it traps.
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct chunk {
  struct chunk *next;
};

static struct chunk *volatile head;  // keeps every chunk reachable: nothing can be elided

int main(void) {
  for (unsigned long mib = 1;; mib++) {
    struct chunk *c = malloc(1 << 20);
    if (c == NULL) {
      static const char msg[] = "membomb: malloc failed, trapping\n";
      write(2, msg, sizeof msg - 1);
      __builtin_trap();
    }
    memset(c, (int)(mib & 0xff), 1 << 20);
    c->next = head;
    head = c;
  }
}
