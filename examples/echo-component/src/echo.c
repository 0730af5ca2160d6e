// Echoes the wasi:http 0.2 request as JSON, for testing a component host:
//   {"method":"GET","path_with_query":"/echo/x?a=1","scheme":"http","authority":"host:port",
//    "headers":[["name","value"],...],"body_length":N,"body":"..."}
// method: the name (for `other(string)`, that string); scheme/authority: null when absent;
// headers: every entry of the incoming headers, in the order the host gives them; header values
// and the body are JSON strings (invalid UTF-8 becomes U+FFFD). The body is read fully from the
// incoming body stream (blocking-read until `closed`). The JSON answer has a content-length.
// Query parameters (in the path-with-query):
//   status=NNN    answer with that status (200-599; others are ignored)
//   stream=N      instead answer `text/plain` with N chunks of 1 KiB of 'x', one
//                 blocking-write-and-flush each, and no content-length (N <= 65536)
//   trap=1        __builtin_trap() before anything else
//   noresponse=1  return without calling response-outparam.set (the outparam is left undropped);
//   noresponse=drop  drop the outparam unset, then return
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bindings.h"

typedef struct {
  uint8_t *data;
  size_t len, cap;
} buf_t;

static void buf_reserve(buf_t *b, size_t more) {
  if (b->len + more <= b->cap) return;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + more) cap *= 2;
  uint8_t *data = realloc(b->data, cap);
  if (!data) __builtin_trap();
  b->data = data;
  b->cap = cap;
}

static void buf_put(buf_t *b, const void *p, size_t n) {
  buf_reserve(b, n);
  memcpy(b->data + b->len, p, n);
  b->len += n;
}

static void buf_str(buf_t *b, const char *s) { buf_put(b, s, strlen(s)); }

static void buf_u64(buf_t *b, uint64_t v) {
  char tmp[20];
  int n = 0;
  do {
    tmp[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n) buf_put(b, &tmp[--n], 1);
}

// Length of the valid UTF-8 sequence at s[0..n), or 0 if invalid (overlongs, surrogates and
// code points above U+10FFFF are invalid).
static size_t utf8_len(const uint8_t *s, size_t n) {
  uint8_t c = s[0];
  size_t len;
  uint32_t min, cp;
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) { len = 2; min = 0x80; cp = c & 0x1F; }
  else if ((c & 0xF0) == 0xE0) { len = 3; min = 0x800; cp = c & 0x0F; }
  else if ((c & 0xF8) == 0xF0) { len = 4; min = 0x10000; cp = c & 0x07; }
  else return 0;
  if (n < len) return 0;
  for (size_t i = 1; i < len; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Appends s[0..n) as a quoted JSON string.
static void buf_json(buf_t *b, const uint8_t *s, size_t n) {
  static const char HEX[] = "0123456789abcdef";
  buf_put(b, "\"", 1);
  size_t i = 0;
  while (i < n) {
    uint8_t c = s[i];
    if (c == '"') { buf_str(b, "\\\""); i++; }
    else if (c == '\\') { buf_str(b, "\\\\"); i++; }
    else if (c == '\n') { buf_str(b, "\\n"); i++; }
    else if (c == '\r') { buf_str(b, "\\r"); i++; }
    else if (c == '\t') { buf_str(b, "\\t"); i++; }
    else if (c < 0x20 || c == 0x7F) {
      char esc[6] = {'\\', 'u', '0', '0', HEX[c >> 4], HEX[c & 15]};
      buf_put(b, esc, 6);
      i++;
    } else {
      size_t len = utf8_len(s + i, n - i);
      if (len) {
        buf_put(b, s + i, len);
        i += len;
      } else {
        buf_str(b, "\xEF\xBF\xBD");  // U+FFFD for one invalid byte
        i++;
      }
    }
  }
  buf_put(b, "\"", 1);
}

// The value of query parameter `key` in the path-with-query, or NULL; *vlen gets its length.
static const uint8_t *query_param(const uint8_t *pq, size_t n, const char *key, size_t *vlen) {
  const uint8_t *q = memchr(pq, '?', n);
  if (!q) return NULL;
  const uint8_t *end = pq + n;
  size_t klen = strlen(key);
  for (const uint8_t *p = q + 1; p < end;) {
    const uint8_t *amp = memchr(p, '&', (size_t)(end - p));
    const uint8_t *stop = amp ? amp : end;
    if ((size_t)(stop - p) > klen && memcmp(p, key, klen) == 0 && p[klen] == '=') {
      *vlen = (size_t)(stop - p) - klen - 1;
      return p + klen + 1;
    }
    p = stop + 1;
  }
  return NULL;
}

// Parses a decimal query parameter; -1 when absent, not a number, or above max.
static long query_num(const uint8_t *pq, size_t n, const char *key, long max) {
  size_t vlen;
  const uint8_t *v = query_param(pq, n, key, &vlen);
  if (!v || vlen == 0 || vlen > 9) return -1;
  long r = 0;
  for (size_t i = 0; i < vlen; i++) {
    if (v[i] < '0' || v[i] > '9') return -1;
    r = r * 10 + (v[i] - '0');
  }
  return r > max ? -1 : r;
}

static bool query_is(const uint8_t *pq, size_t n, const char *key, const char *want) {
  size_t vlen;
  const uint8_t *v = query_param(pq, n, key, &vlen);
  return v && vlen == strlen(want) && memcmp(v, want, vlen) == 0;
}

static const char *const METHODS[] = {"GET",     "HEAD",    "POST",  "PUT",  "DELETE",
                                      "CONNECT", "OPTIONS", "TRACE", "PATCH"};

// Reads the whole request body into *body (blocking-read until the stream is closed).
static void read_body(wasi_http_types_borrow_incoming_request_t request, buf_t *body) {
  wasi_http_types_own_incoming_body_t incoming;
  if (!wasi_http_types_method_incoming_request_consume(request, &incoming)) return;
  wasi_http_types_own_input_stream_t stream;
  if (wasi_http_types_method_incoming_body_stream(wasi_http_types_borrow_incoming_body(incoming),
                                                  &stream)) {
    for (;;) {
      bindings_list_u8_t chunk;
      wasi_io_streams_stream_error_t err;
      if (!wasi_io_streams_method_input_stream_blocking_read(
              wasi_io_streams_borrow_input_stream(stream), 65536, &chunk, &err)) {
        if (err.tag == WASI_IO_STREAMS_STREAM_ERROR_LAST_OPERATION_FAILED)
          wasi_io_error_error_drop_own(err.val.last_operation_failed);
        break;
      }
      buf_put(body, chunk.ptr, chunk.len);
      bindings_list_u8_free(&chunk);
    }
    wasi_io_streams_input_stream_drop_own(stream);
  }
  wasi_http_types_future_trailers_drop_own(wasi_http_types_static_incoming_body_finish(incoming));
}

// Writes data with blocking-write-and-flush calls of at most 4096 bytes (the call's limit).
static bool write_all(wasi_io_streams_borrow_output_stream_t out, const uint8_t *data, size_t n) {
  while (n) {
    size_t k = n < 4096 ? n : 4096;
    bindings_list_u8_t contents = {(uint8_t *)data, k};
    wasi_io_streams_stream_error_t err;
    if (!wasi_io_streams_method_output_stream_blocking_write_and_flush(out, &contents, &err)) {
      if (err.tag == WASI_IO_STREAMS_STREAM_ERROR_LAST_OPERATION_FAILED)
        wasi_io_error_error_drop_own(err.val.last_operation_failed);
      return false;
    }
    data += k;
    n -= k;
  }
  return true;
}

static void add_header(wasi_http_types_own_fields_t fields, const char *name, const char *value) {
  wasi_http_types_field_name_t n = {(uint8_t *)name, strlen(name)};
  wasi_http_types_field_value_t v = {(uint8_t *)value, strlen(value)};
  wasi_http_types_header_error_t err;
  wasi_http_types_method_fields_append(wasi_http_types_borrow_fields(fields), &n, &v, &err);
}

void exports_wasi_http_incoming_handler_handle(
    exports_wasi_http_incoming_handler_own_incoming_request_t request,
    exports_wasi_http_incoming_handler_own_response_outparam_t response_out) {
  wasi_http_types_borrow_incoming_request_t req = wasi_http_types_borrow_incoming_request(request);
  bindings_string_t pq = {0};
  bool has_pq = wasi_http_types_method_incoming_request_path_with_query(req, &pq);
  if (query_is(pq.ptr, pq.len, "trap", "1")) __builtin_trap();
  if (query_is(pq.ptr, pq.len, "noresponse", "1")) {
    bindings_string_free(&pq);
    wasi_http_types_incoming_request_drop_own(request);
    return;
  }
  if (query_is(pq.ptr, pq.len, "noresponse", "drop")) {
    bindings_string_free(&pq);
    wasi_http_types_incoming_request_drop_own(request);
    wasi_http_types_response_outparam_drop_own(response_out);
    return;
  }
  long status = query_num(pq.ptr, pq.len, "status", 599);
  long chunks = query_num(pq.ptr, pq.len, "stream", 65536);

  buf_t json = {0};
  if (chunks < 0) {
    wasi_http_types_method_t method;
    wasi_http_types_method_incoming_request_method(req, &method);
    buf_str(&json, "{\"method\":");
    if (method.tag == WASI_HTTP_TYPES_METHOD_OTHER)
      buf_json(&json, method.val.other.ptr, method.val.other.len);
    else
      buf_json(&json, (const uint8_t *)METHODS[method.tag], strlen(METHODS[method.tag]));
    wasi_http_types_method_free(&method);

    buf_str(&json, ",\"path_with_query\":");
    if (has_pq) buf_json(&json, pq.ptr, pq.len);
    else buf_str(&json, "null");

    buf_str(&json, ",\"scheme\":");
    wasi_http_types_scheme_t scheme;
    if (wasi_http_types_method_incoming_request_scheme(req, &scheme)) {
      if (scheme.tag == WASI_HTTP_TYPES_SCHEME_HTTP) buf_str(&json, "\"http\"");
      else if (scheme.tag == WASI_HTTP_TYPES_SCHEME_HTTPS) buf_str(&json, "\"https\"");
      else buf_json(&json, scheme.val.other.ptr, scheme.val.other.len);
      wasi_http_types_scheme_free(&scheme);
    } else {
      buf_str(&json, "null");
    }

    buf_str(&json, ",\"authority\":");
    bindings_string_t authority;
    if (wasi_http_types_method_incoming_request_authority(req, &authority)) {
      buf_json(&json, authority.ptr, authority.len);
      bindings_string_free(&authority);
    } else {
      buf_str(&json, "null");
    }

    buf_str(&json, ",\"headers\":[");
    wasi_http_types_own_headers_t headers = wasi_http_types_method_incoming_request_headers(req);
    wasi_http_types_list_tuple2_field_name_field_value_t entries;
    wasi_http_types_method_fields_entries(wasi_http_types_borrow_fields(headers), &entries);
    for (size_t i = 0; i < entries.len; i++) {
      if (i) buf_put(&json, ",", 1);
      buf_put(&json, "[", 1);
      buf_json(&json, entries.ptr[i].f0.ptr, entries.ptr[i].f0.len);
      buf_put(&json, ",", 1);
      buf_json(&json, entries.ptr[i].f1.ptr, entries.ptr[i].f1.len);
      buf_put(&json, "]", 1);
    }
    wasi_http_types_list_tuple2_field_name_field_value_free(&entries);
    wasi_http_types_fields_drop_own(headers);

    buf_t body = {0};
    read_body(req, &body);
    buf_str(&json, "],\"body_length\":");
    buf_u64(&json, body.len);
    buf_str(&json, ",\"body\":");
    buf_json(&json, body.data, body.len);
    buf_str(&json, "}");
    free(body.data);
  }
  bindings_string_free(&pq);
  wasi_http_types_incoming_request_drop_own(request);

  wasi_http_types_own_fields_t out_headers = wasi_http_types_constructor_fields();
  if (chunks < 0) {
    add_header(out_headers, "content-type", "application/json");
    buf_t cl = {0};
    buf_u64(&cl, json.len);
    buf_put(&cl, "", 1);
    add_header(out_headers, "content-length", (const char *)cl.data);
    free(cl.data);
  } else {
    add_header(out_headers, "content-type", "text/plain");
  }
  wasi_http_types_own_outgoing_response_t response =
      wasi_http_types_constructor_outgoing_response(out_headers);
  if (status >= 200)
    wasi_http_types_method_outgoing_response_set_status_code(
        wasi_http_types_borrow_outgoing_response(response), (uint16_t)status);
  wasi_http_types_own_outgoing_body_t body;
  wasi_http_types_method_outgoing_response_body(
      wasi_http_types_borrow_outgoing_response(response), &body);
  wasi_http_types_result_own_outgoing_response_error_code_t result = {.is_err = false};
  result.val.ok = response;
  wasi_http_types_static_response_outparam_set(response_out, &result);

  wasi_http_types_own_output_stream_t stream;
  wasi_http_types_method_outgoing_body_write(wasi_http_types_borrow_outgoing_body(body), &stream);
  wasi_io_streams_borrow_output_stream_t out = wasi_io_streams_borrow_output_stream(stream);
  if (chunks < 0) {
    write_all(out, json.data, json.len);
  } else {
    static uint8_t kib[1024];
    memset(kib, 'x', sizeof kib);
    for (long i = 0; i < chunks; i++)
      if (!write_all(out, kib, sizeof kib)) break;
  }
  free(json.data);
  wasi_io_streams_output_stream_drop_own(stream);
  wasi_http_types_error_code_t finish_error;
  if (!wasi_http_types_static_outgoing_body_finish(body, NULL, &finish_error))
    wasi_http_types_error_code_free(&finish_error);
}
