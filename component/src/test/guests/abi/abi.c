// Guest side of the canonical ABI tests (world wasmlet:abi/abi in abi.wit), built by build.sh with
// wit-bindgen c bindings (abi.h), once with UTF-8 strings (abi.wasm) and once with UTF-16 strings
// (abi-utf16.wasm, compiled with -DABI_UTF16).
//
// Ownership follows wit-bindgen's C conventions: an exported function owns its arguments (and
// frees them here); what it returns is freed by the generated cabi_post_* function after the host
// has read it; arguments to imported functions stay the caller's; what an import returns is the
// caller's to free. Empty lists and strings are returned as (NULL, 0), so post-return's
// `if (len > 0) free(ptr)` never leaks.
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "abi.h"

typedef exports_wasmlet_abi_types_everything_t everything_t;  // exported (api's) flavour
typedef wasmlet_abi_types_everything_t host_everything_t;     // imported (host's) flavour

// Copies n elements of size `size` into a fresh allocation; NULL when n is 0.
static void *dup(const void *p, size_t n, size_t size) {
  if (n == 0) return NULL;
  void *q = malloc(n * size);
  if (!q) __builtin_trap();
  memcpy(q, p, n * size);
  return q;
}

static abi_string_t dup_string(abi_string_t s) {
  return (abi_string_t){dup(s.ptr, s.len, sizeof *s.ptr), s.len};
}

static abi_list_list_string_t dup_nested(abi_list_list_string_t n) {
  abi_list_list_string_t r = {NULL, n.len};
  if (n.len == 0) return r;
  r.ptr = malloc(n.len * sizeof *r.ptr);
  if (!r.ptr) __builtin_trap();
  for (size_t i = 0; i < n.len; i++) {
    abi_list_string_t inner = n.ptr[i];
    r.ptr[i].len = inner.len;
    r.ptr[i].ptr = NULL;
    if (inner.len == 0) continue;
    r.ptr[i].ptr = malloc(inner.len * sizeof *inner.ptr);
    if (!r.ptr[i].ptr) __builtin_trap();
    for (size_t j = 0; j < inner.len; j++) r.ptr[i].ptr[j] = dup_string(inner.ptr[j]);
  }
  return r;
}

// A deep copy: every string and list in a fresh allocation.
static void dup_everything(const everything_t *e, everything_t *r) {
  *r = *e;  // scalars, enum, flags, and the variant's payload (no pointers in shape)
  r->s = dup_string(e->s);
  r->bytes = (abi_list_u8_t){dup(e->bytes.ptr, e->bytes.len, 1), e->bytes.len};
  r->points.ptr = dup(e->points.ptr, e->points.len, sizeof *e->points.ptr);
  r->tup.f1 = dup_string(e->tup.f1);
  if (e->opt.is_some) r->opt.val = dup_string(e->opt.val);
  if (e->res.is_err) r->res.val.err = dup_string(e->res.val.err);
  r->nested = dup_nested(e->nested);
}

// Frees every allocation of an exported-flavour value. (wit-bindgen-c 0.63's generated
// exports_wasmlet_abi_types_everything_free frees only s, points, res and sh: it skips the fields
// whose types the world shares with the import side (bytes, tup, opt, nested), which would leak
// about 2 KiB per call in the ABI tests; the generated post-return functions are complete.)
static void free_everything(everything_t *e) {
  abi_string_free(&e->s);
  abi_list_u8_free(&e->bytes);
  exports_wasmlet_abi_types_list_point_free(&e->points);
  abi_tuple3_u8_string_f64_free(&e->tup);
  abi_option_string_free(&e->opt);
  exports_wasmlet_abi_types_result_u32_string_free(&e->res);
  abi_list_list_string_free(&e->nested);
}

// The host's flavour of the same value, sharing e's allocations (nothing is copied).
static host_everything_t to_host(const everything_t *e) {
  host_everything_t h = {
      .b = e->b, .u8v = e->u8v, .s8v = e->s8v, .u16v = e->u16v, .s16v = e->s16v,
      .u32v = e->u32v, .s32v = e->s32v, .u64v = e->u64v, .s64v = e->s64v, .f32v = e->f32v,
      .f64v = e->f64v, .c = e->c, .s = e->s, .bytes = e->bytes,
      .points = {(wasmlet_abi_types_point_t *)e->points.ptr, e->points.len},
      .tup = e->tup, .opt = e->opt, .col = e->col, .sh = {.tag = e->sh.tag}, .perms = e->perms,
      .nested = e->nested};
  h.res.is_err = e->res.is_err;
  if (e->res.is_err) h.res.val.err = e->res.val.err;
  else h.res.val.ok = e->res.val.ok;
  if (e->sh.tag == WASMLET_ABI_TYPES_SHAPE_CIRCLE) h.sh.val.circle = e->sh.val.circle;
  if (e->sh.tag == WASMLET_ABI_TYPES_SHAPE_RECT)
    h.sh.val.rect = (wasmlet_abi_types_point_t){e->sh.val.rect.x, e->sh.val.rect.y};
  return h;
}

// The export flavour of a value the host returned, taking over its allocations.
static everything_t from_host(const host_everything_t *h) {
  everything_t e = {
      .b = h->b, .u8v = h->u8v, .s8v = h->s8v, .u16v = h->u16v, .s16v = h->s16v,
      .u32v = h->u32v, .s32v = h->s32v, .u64v = h->u64v, .s64v = h->s64v, .f32v = h->f32v,
      .f64v = h->f64v, .c = h->c, .s = h->s, .bytes = h->bytes,
      .points = {(exports_wasmlet_abi_types_point_t *)h->points.ptr, h->points.len},
      .tup = h->tup, .opt = h->opt, .col = h->col, .sh = {.tag = h->sh.tag}, .perms = h->perms,
      .nested = h->nested};
  e.res.is_err = h->res.is_err;
  if (h->res.is_err) e.res.val.err = h->res.val.err;
  else e.res.val.ok = h->res.val.ok;
  if (h->sh.tag == EXPORTS_WASMLET_ABI_TYPES_SHAPE_CIRCLE) e.sh.val.circle = h->sh.val.circle;
  if (h->sh.tag == EXPORTS_WASMLET_ABI_TYPES_SHAPE_RECT)
    e.sh.val.rect = (exports_wasmlet_abi_types_point_t){h->sh.val.rect.x, h->sh.val.rect.y};
  return e;
}

void exports_wasmlet_abi_api_roundtrip(everything_t *e, everything_t *ret) {
  dup_everything(e, ret);
  free_everything(e);
}

void exports_wasmlet_abi_api_via_host(everything_t *e, everything_t *ret) {
  host_everything_t arg = to_host(e);
  host_everything_t result;
  wasmlet_abi_host_echo(&arg, &result);
  free_everything(e);
  *ret = from_host(&result);
}

#ifdef ABI_UTF16
static const char16_t PREFIX[] = u"guest saw: ";
#else
static const char PREFIX[] = "guest saw: ";
#endif

void exports_wasmlet_abi_api_greet_via_host(abi_string_t *name, abi_string_t *ret) {
  abi_string_t greeting;
  wasmlet_abi_host_greet(name, &greeting);
  abi_string_free(name);
  size_t plen = sizeof PREFIX / sizeof PREFIX[0] - 1;
  size_t unit = sizeof *greeting.ptr;
  ret->len = plen + greeting.len;
  ret->ptr = malloc(ret->len * unit);
  if (!ret->ptr) __builtin_trap();
  memcpy(ret->ptr, PREFIX, plen * unit);
  if (greeting.len) memcpy(ret->ptr + plen, greeting.ptr, greeting.len * unit);
  abi_string_free(&greeting);
}

int64_t exports_wasmlet_abi_api_sum_via_host(exports_wasmlet_abi_api_list_point_t *ps) {
  wasmlet_abi_host_list_point_t arg = {(wasmlet_abi_host_point_t *)ps->ptr, ps->len};
  int64_t sum = wasmlet_abi_host_sum(&arg);
  exports_wasmlet_abi_api_list_point_free(ps);
  return sum;
}

bool exports_wasmlet_abi_api_fail_via_host(uint32_t code, abi_string_t *ret, uint32_t *err) {
  return wasmlet_abi_host_fail(code, ret, err);
}

struct exports_wasmlet_abi_types_counter_t {
  uint32_t value;
};

exports_wasmlet_abi_types_own_counter_t exports_wasmlet_abi_types_constructor_counter(
    uint32_t start) {
  exports_wasmlet_abi_types_counter_t *rep = malloc(sizeof *rep);
  if (!rep) __builtin_trap();
  rep->value = start;
  return exports_wasmlet_abi_types_counter_new(rep);
}

uint32_t exports_wasmlet_abi_types_method_counter_add(
    exports_wasmlet_abi_types_borrow_counter_t self, uint32_t n) {
  self->value += n;
  return self->value;
}

uint32_t exports_wasmlet_abi_types_method_counter_value(
    exports_wasmlet_abi_types_borrow_counter_t self) {
  return self->value;
}

void exports_wasmlet_abi_types_counter_destructor(exports_wasmlet_abi_types_counter_t *rep) {
  free(rep);
}

exports_wasmlet_abi_api_own_counter_t exports_wasmlet_abi_api_make_counter(uint32_t start) {
  return exports_wasmlet_abi_types_constructor_counter(start);
}

uint32_t exports_wasmlet_abi_api_counter_total(exports_wasmlet_abi_api_list_borrow_counter_t *cs) {
  uint32_t total = 0;
  for (size_t i = 0; i < cs->len; i++) total += cs->ptr[i]->value;
  exports_wasmlet_abi_api_list_borrow_counter_free(cs);
  return total;
}

void exports_wasmlet_abi_api_trap(void) { __builtin_trap(); }
