// A WAGI guest written for Spin, after the guest of Spin's own WAGI integration test
// (tests/test-components/components/integration-wagi): it dispatches on PATH_INFO.
//   /echo          answers the request body
//   /assert-args   the body is a JSON array of strings that must equal argv
//   /assert-env    the body is a JSON object of strings; each variable must have that value
//   /args          answers {"argv":[...],"path_match_id":...} (also for routes ending in /args)
//   /exit          writes a complete response, then exits with status 3
// A failed assertion, like any unknown path, writes a complete response and exits with status 1:
// Spin (and Wasmlet) answer 500, because only exit status 0 is a response.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char body[65536];
static size_t body_len;

static void read_body(void) {
  ssize_t n;
  while (body_len < sizeof body - 1 && (n = read(0, body + body_len, sizeof body - 1 - body_len)) > 0)
    body_len += (size_t)n;
  body[body_len] = '\0';
}

// Parses a JSON string at *p (after optional spaces) into out; returns 0 on success.
static int json_string(const char **p, char *out, size_t cap) {
  const char *s = *p;
  while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') s++;
  if (*s++ != '"') return -1;
  size_t n = 0;
  while (*s && *s != '"') {
    char c = *s++;
    if (c == '\\') {
      c = *s++;
      if (c == 'n') c = '\n';
      else if (c == 't') c = '\t';
      else if (c != '"' && c != '\\' && c != '/') return -1;
    }
    if (n + 1 >= cap) return -1;
    out[n++] = c;
  }
  if (*s++ != '"') return -1;
  out[n] = '\0';
  *p = s;
  return 0;
}

static void skip(const char **p, char c) {
  while (**p == ' ' || **p == '\n' || **p == '\t' || **p == '\r') (*p)++;
  if (**p == c) (*p)++;
}

static void fail(const char *why) {
  printf("Content-Type: text/plain\n\nassertion failed: %s\n", why);
  fflush(stdout);
  exit(1);
}

static void json_out(const char *s) {
  putchar('"');
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') putchar('\\');
    putchar(*s);
  }
  putchar('"');
}

static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && strcmp(s + a - b, suffix) == 0;
}

int main(int argc, char **argv) {
  const char *path = getenv("PATH_INFO");
  if (path == NULL) path = "";
  read_body();
  if (strcmp(path, "/echo") == 0) {
    printf("Content-Type: text/plain\n\n");
    fwrite(body, 1, body_len, stdout);
    return 0;
  }
  if (strcmp(path, "/assert-args") == 0) {
    const char *p = body;
    char arg[1024];
    int i = 0;
    skip(&p, '[');
    while (json_string(&p, arg, sizeof arg) == 0) {
      if (i >= argc || strcmp(arg, argv[i]) != 0) fail("argv differs");
      i++;
      skip(&p, ',');
    }
    if (i != argc) fail("argv has more arguments");
    printf("Content-Type: text/plain\n\n");
    return 0;
  }
  if (strcmp(path, "/assert-env") == 0) {
    const char *p = body;
    char key[256], value[1024];
    skip(&p, '{');
    while (json_string(&p, key, sizeof key) == 0) {
      skip(&p, ':');
      if (json_string(&p, value, sizeof value) != 0) fail("malformed JSON");
      const char *actual = getenv(key);
      if (actual == NULL || strcmp(actual, value) != 0) fail(key);
      skip(&p, ',');
    }
    printf("Content-Type: text/plain\n\n");
    return 0;
  }
  if (strcmp(path, "/args") == 0 || (argc > 0 && ends_with(argv[0], "/args"))) {
    printf("Content-Type: application/json\n\n{\"argv\":[");
    for (int i = 0; i < argc; i++) {
      if (i > 0) putchar(',');
      json_out(argv[i]);
    }
    printf("],\"path_match_id\":");
    const char *id = getenv("X_PATH_MATCH_ID");
    if (id) json_out(id); else printf("null");
    printf(",\"script_name\":");
    json_out(getenv("SCRIPT_NAME") ? getenv("SCRIPT_NAME") : "");
    printf(",\"component_route\":");
    json_out(getenv("X_COMPONENT_ROUTE") ? getenv("X_COMPONENT_ROUTE") : "");
    printf("}\n");
    return 0;
  }
  if (strcmp(path, "/exit") == 0) {
    printf("Content-Type: text/plain\n\nbye\n");
    fflush(stdout);
    exit(3);
  }
  fail("unknown path");
  return 1;
}
