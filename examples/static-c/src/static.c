// Wasmlet example: a static-file server. Serves PATH_INFO from the read-only directory the
// manifest mounts at /public; "" and ".../" serve index.html. Content-Type by extension.
// 404 when the file is missing, 400 for any path containing "..": the host already confines
// the guest to its mounts, this is defence in depth.
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ROOT "/public"

static int write_all(const void *buf, size_t len) {
  const char *p = buf;
  while (len > 0) {
    ssize_t n = write(1, p, len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return -1;
    p += n;
    len -= (size_t)n;
  }
  return 0;
}

static int out(const char *s) { return write_all(s, strlen(s)); }

static int fail(const char *status, const char *message) {
  out("Content-Type: text/plain; charset=utf-8\nStatus: ");
  out(status);
  out("\n\n");
  out(message);
  return out("\n") == 0 ? 0 : 1;
}

static const char *content_type(const char *path) {
  static const struct {
    const char *ext, *type;
  } TYPES[] = {
      {".html", "text/html; charset=utf-8"},   {".htm", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},     {".js", "text/javascript; charset=utf-8"},
      {".json", "application/json"},           {".txt", "text/plain; charset=utf-8"},
      {".svg", "image/svg+xml"},               {".png", "image/png"},
      {".jpg", "image/jpeg"},                  {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},                   {".ico", "image/x-icon"},
      {".wasm", "application/wasm"},           {".xml", "application/xml"},
  };
  const char *slash = strrchr(path, '/');
  const char *dot = strrchr(slash ? slash : path, '.');
  if (dot != NULL) {
    for (size_t i = 0; i < sizeof TYPES / sizeof TYPES[0]; i++) {
      if (strcasecmp(dot, TYPES[i].ext) == 0) return TYPES[i].type;
    }
  }
  return "application/octet-stream";
}

int main(void) {
  const char *method = getenv("REQUEST_METHOD");
  const char *path_info = getenv("PATH_INFO");
  if (path_info == NULL) path_info = "";
  if (method != NULL && strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
    return fail("405 Method Not Allowed", "only GET and HEAD");
  }
  if (strstr(path_info, "..") != NULL || strchr(path_info, '\\') != NULL) {
    return fail("400 Bad Request", "bad path");
  }

  size_t len = strlen(path_info);
  char *path = malloc(sizeof ROOT + len + sizeof "/index.html");
  if (path == NULL) return fail("500 Internal Server Error", "out of memory");
  strcpy(path, ROOT);
  if (len == 0 || path_info[0] != '/') strcat(path, "/");
  strcat(path, path_info);
  if (path[strlen(path) - 1] == '/') strcat(path, "index.html");

  int fd = open(path, O_RDONLY);
  struct stat st;
  if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {  // directory: its index.html
    close(fd);
    strcat(path, "/index.html");
    fd = open(path, O_RDONLY);
  }
  if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    return fail("404 Not Found", "not found");
  }

  if (out("Content-Type: ") || out(content_type(path)) || out("\n\n")) return 1;
  if (method != NULL && strcmp(method, "HEAD") == 0) return 0;
  static char buf[16384];
  for (;;) {
    ssize_t n = read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return 1;  // headers already sent: a truncated body, logged by the host
    if (n == 0) break;
    if (write_all(buf, (size_t)n) != 0) return 1;
  }
  close(fd);
  return 0;
}
