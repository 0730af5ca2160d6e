// Wasmlet example: echoes the WAGI request back as JSON (method, paths, query, route, URL,
// every HTTP_* header sorted by name, content type/length and the body as a JSON string).
//   ?status=NNN    answers with that status (200..599)
//   ?redirect=/x   answers 302 with Location: /x (a status=3NN in the same query wins)
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

extern char **environ;

static const char *env_or_null(const char *name) { return getenv(name); }

// Small output helpers (no printf: keeps the module small).
static void out(const char *s) { fputs(s, stdout); }

static void out_uint(unsigned long n) {
  char buf[24];
  int i = sizeof buf;
  buf[--i] = '\0';
  do {
    buf[--i] = (char)('0' + n % 10);
    n /= 10;
  } while (n > 0);
  out(buf + i);
}

// Writes s as a JSON string. Control characters are escaped; valid UTF-8 passes through;
// bytes that are not valid UTF-8 become U+FFFD so the output is always valid JSON.
static void json_string(const unsigned char *s, size_t n) {
  putchar('"');
  for (size_t i = 0; i < n;) {
    unsigned char c = s[i];
    if (c == '"' || c == '\\') {
      putchar('\\');
      putchar(c);
      i++;
    } else if (c == '\n') {
      fputs("\\n", stdout);
      i++;
    } else if (c == '\r') {
      fputs("\\r", stdout);
      i++;
    } else if (c == '\t') {
      fputs("\\t", stdout);
      i++;
    } else if (c < 0x20 || c == 0x7f) {
      static const char hex[] = "0123456789abcdef";
      out("\\u00");
      putchar(hex[c >> 4]);
      putchar(hex[c & 15]);
      i++;
    } else if (c < 0x80) {
      putchar(c);
      i++;
    } else {
      size_t len = (c >= 0xc2 && c <= 0xdf) ? 2 : (c >= 0xe0 && c <= 0xef) ? 3
                 : (c >= 0xf0 && c <= 0xf4) ? 4 : 0;
      int ok = len > 0 && i + len <= n;
      for (size_t k = 1; ok && k < len; k++) ok = (s[i + k] & 0xc0) == 0x80;
      if (ok && len == 3) {  // no overlongs, no surrogates
        if (c == 0xe0 && s[i + 1] < 0xa0) ok = 0;
        if (c == 0xed && s[i + 1] >= 0xa0) ok = 0;
      }
      if (ok && len == 4) {  // no overlongs, nothing above U+10FFFF
        if (c == 0xf0 && s[i + 1] < 0x90) ok = 0;
        if (c == 0xf4 && s[i + 1] >= 0x90) ok = 0;
      }
      if (ok) {
        fwrite(s + i, 1, len, stdout);
        i += len;
      } else {
        fputs("\\ufffd", stdout);
        i++;
      }
    }
  }
  putchar('"');
}

static void json_cstr_or_null(const char *s) {
  if (s == NULL) {
    fputs("null", stdout);
  } else {
    json_string((const unsigned char *)s, strlen(s));
  }
}

static void field(const char *key, const char *env_name, int comma) {
  putchar('"');
  out(key);
  out("\":");
  json_cstr_or_null(env_or_null(env_name));
  if (comma) putchar(',');
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

// Finds the value of key in a query string (not decoded); returns its length or -1.
static long query_param(const char *query, const char *key, const char **value) {
  size_t klen = strlen(key);
  const char *p = query;
  while (p != NULL && *p != '\0') {
    const char *end = strchr(p, '&');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    if (len > klen && strncmp(p, key, klen) == 0 && p[klen] == '=') {
      *value = p + klen + 1;
      return (long)(len - klen - 1);
    }
    p = end ? end + 1 : NULL;
  }
  return -1;
}

static const char *reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 418: return "I'm a teapot";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status";
  }
}

// Reads the request body: up to CONTENT_LENGTH bytes when that is set, else until EOF.
static unsigned char *read_body(size_t *out_len) {
  const char *cl = getenv("CONTENT_LENGTH");
  long want = (cl != NULL && *cl != '\0') ? strtol(cl, NULL, 10) : -1;
  size_t cap = want > 0 ? (size_t)want : 4096, len = 0;
  unsigned char *buf = malloc(cap + 1);
  if (buf == NULL) return NULL;
  for (;;) {
    if (want >= 0 && len >= (size_t)want) break;
    if (len == cap) {
      cap *= 2;
      unsigned char *bigger = realloc(buf, cap + 1);
      if (bigger == NULL) break;
      buf = bigger;
    }
    size_t room = cap - len;
    if (want >= 0 && room > (size_t)want - len) room = (size_t)want - len;
    ssize_t n = read(0, buf + len, room);
    if (n <= 0) break;
    len += (size_t)n;
  }
  *out_len = len;
  return buf;
}

int main(void) {
  const char *query = getenv("QUERY_STRING");
  if (query == NULL) query = "";

  int status = 200;
  const char *v;
  long vlen = query_param(query, "redirect", &v);
  const char *location = NULL;
  int location_len = 0;
  if (vlen > 0 && v[0] == '/') {
    int safe = 1;  // only printable ASCII goes into a header
    for (long i = 0; i < vlen; i++) safe &= v[i] > 0x20 && v[i] < 0x7f;
    if (safe) {
      location = v;
      location_len = (int)vlen;
      status = 302;
    }
  }
  vlen = query_param(query, "status", &v);
  if (vlen == 3 && v[0] >= '1' && v[0] <= '5' && v[1] >= '0' && v[1] <= '9' && v[2] >= '0' &&
      v[2] <= '9') {
    int s = (v[0] - '0') * 100 + (v[1] - '0') * 10 + (v[2] - '0');
    if (s >= 200 && (location == NULL || (s >= 300 && s < 400))) status = s;
  }

  size_t body_len = 0;
  unsigned char *body = read_body(&body_len);

  out("Content-Type: application/json\n");
  if (status != 200) {
    out("Status: ");
    out_uint((unsigned long)status);
    putchar(' ');
    out(reason(status));
    putchar('\n');
  }
  if (location != NULL) {
    out("Location: ");
    fwrite(location, 1, (size_t)location_len, stdout);
    putchar('\n');
  }
  out("\n{");
  field("method", "REQUEST_METHOD", 1);
  field("path_info", "PATH_INFO", 1);
  field("raw_path_info", "X_RAW_PATH_INFO", 1);
  field("query_string", "QUERY_STRING", 1);
  field("script_name", "SCRIPT_NAME", 1);
  field("matched_route", "X_MATCHED_ROUTE", 1);
  field("full_url", "X_FULL_URL", 1);
  field("server_name", "SERVER_NAME", 1);
  field("server_port", "SERVER_PORT", 1);
  field("server_protocol", "SERVER_PROTOCOL", 1);
  field("remote_addr", "REMOTE_ADDR", 1);
  field("content_type", "CONTENT_TYPE", 1);
  field("content_length", "CONTENT_LENGTH", 1);

  size_t count = 0;
  for (char **e = environ; *e != NULL; e++) count += strncmp(*e, "HTTP_", 5) == 0;
  const char **headers = malloc((count + 1) * sizeof *headers);
  size_t h = 0;
  if (headers != NULL) {
    for (char **e = environ; *e != NULL; e++) {
      if (strncmp(*e, "HTTP_", 5) == 0) headers[h++] = *e;
    }
    qsort(headers, h, sizeof *headers, cmp_str);
  }
  out("\"headers\":{");
  for (size_t i = 0; i < h; i++) {
    const char *eq = strchr(headers[i], '=');
    size_t name_len = eq ? (size_t)(eq - headers[i]) : strlen(headers[i]);
    if (i > 0) putchar(',');
    json_string((const unsigned char *)headers[i], name_len);
    putchar(':');
    json_cstr_or_null(eq ? eq + 1 : "");
  }
  out("},\"body_length\":");
  out_uint(body_len);
  out(",\"body\":");
  json_string(body ? body : (const unsigned char *)"", body_len);
  out("}\n");
  return fflush(stdout) == 0 ? 0 : 1;
}
