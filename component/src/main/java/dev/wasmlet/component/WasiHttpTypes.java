package dev.wasmlet.component;

import dev.wasmlet.component.HttpResources.IncomingBody;
import dev.wasmlet.component.HttpResources.IncomingRequest;
import dev.wasmlet.component.HttpResources.OutgoingBody;
import dev.wasmlet.component.HttpResources.OutgoingRequest;
import dev.wasmlet.component.HttpResources.OutgoingResponse;
import dev.wasmlet.component.HttpResources.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every function of {@code wasi:http/types@0.2}. */
final class WasiHttpTypes {
  private WasiHttpTypes() {}

  static HostInterface build() {
    HostInterface.Builder b = HostInterface.builder("wasi:http/types" + WasiHttp.VERSION);
    fields(b);
    b.func("[method]incoming-request.method", (s, a) -> WasiHttp.method(req(a).exchange.method()))
        .func(
            "[method]incoming-request.path-with-query",
            (s, a) -> Optional.of(req(a).exchange.pathWithQuery()))
        .func(
            "[method]incoming-request.scheme",
            (s, a) -> Optional.of(WasiHttp.scheme(req(a).exchange.scheme())))
        .func(
            "[method]incoming-request.authority",
            (s, a) -> Optional.of(req(a).exchange.authority()))
        .func("[method]incoming-request.headers", (s, a) -> req(a).headers)
        .func("[method]incoming-request.consume", (s, a) -> WasiHttp.consume(req(a)))
        .func("[method]incoming-body.stream", (s, a) -> WasiHttp.bodyStream((IncomingBody) a[0]))
        .func("[static]incoming-body.finish", (s, a) -> WasiHttp.newTrailers())
        .func("[method]future-trailers.subscribe", (s, a) -> WasiPollable.alwaysReady())
        .func(
            "[method]future-trailers.get",
            (s, a) -> Optional.of(WitVariant.ok(WitVariant.ok(Optional.empty()))))
        .func("[constructor]outgoing-response", (s, a) -> new OutgoingResponse((HttpFields) a[0]))
        .func("[method]outgoing-response.status-code", (s, a) -> resp(a).status)
        .func(
            "[method]outgoing-response.set-status-code",
            (s, a) -> {
              int status = (Integer) a[1];
              if (status < 100 || status > 999) {
                return WitVariant.err(null);
              }
              resp(a).status = status;
              return WitVariant.ok(null);
            })
        .func("[method]outgoing-response.headers", (s, a) -> resp(a).headers)
        .func(
            "[method]outgoing-response.body",
            (s, a) -> {
              OutgoingResponse r = resp(a);
              if (r.body != null) {
                return WitVariant.err(null);
              }
              r.body = new OutgoingBody();
              return WitVariant.ok(r.body);
            })
        .func("[method]outgoing-body.write", WasiHttp::bodyWrite)
        .func("[static]outgoing-body.finish", WasiHttp::bodyFinish)
        .func("[static]response-outparam.set", WasiHttp::outparamSet)
        .func(
            "[method]response-outparam.send-informational",
            (s, a) ->
                WitVariant.err(
                    new WitVariant(
                        WasiHttp.INTERNAL_ERROR,
                        Optional.of("informational responses are not supported"))))
        .func("http-error-code", (s, a) -> Optional.empty());
    outgoing(b);
    WasiOutgoing.define(b);
    return b.build();
  }

  private static IncomingRequest req(Object[] a) {
    return (IncomingRequest) a[0];
  }

  private static OutgoingResponse resp(Object[] a) {
    return (OutgoingResponse) a[0];
  }

  private static HttpFields f(Object[] a) {
    return (HttpFields) a[0];
  }

  private static void fields(HostInterface.Builder b) {
    b.func("[constructor]fields", (s, a) -> new HttpFields(new ArrayList<>(), false))
        .func(
            "[static]fields.from-list",
            (s, a) -> {
              HttpFields out = new HttpFields(new ArrayList<>(), false);
              for (Object e : (List<?>) a[0]) {
                List<?> pair = (List<?>) e;
                String name = (String) pair.get(0);
                byte[] value = (byte[]) pair.get(1);
                int err = out.check(name, List.of(value));
                if (err >= 0) {
                  return WitVariant.err(new WitVariant(err, null));
                }
                out.append(name, value);
              }
              return WitVariant.ok(out);
            })
        .func("[method]fields.get", (s, a) -> new ArrayList<Object>(f(a).get((String) a[1])))
        .func("[method]fields.has", (s, a) -> !f(a).get((String) a[1]).isEmpty())
        .func(
            "[method]fields.set",
            (s, a) -> {
              List<byte[]> values = new ArrayList<>();
              for (Object v : (List<?>) a[2]) {
                values.add((byte[]) v);
              }
              int err = f(a).check((String) a[1], values);
              if (err >= 0) {
                return WitVariant.err(new WitVariant(err, null));
              }
              f(a).delete((String) a[1]);
              values.forEach(v -> f(a).append((String) a[1], v));
              return WitVariant.ok(null);
            })
        .func(
            "[method]fields.delete",
            (s, a) -> {
              int err = f(a).check((String) a[1], List.of());
              if (err >= 0) {
                return WitVariant.err(new WitVariant(err, null));
              }
              f(a).delete((String) a[1]);
              return WitVariant.ok(null);
            })
        .func(
            "[method]fields.append",
            (s, a) -> {
              int err = f(a).check((String) a[1], List.of((byte[]) a[2]));
              if (err >= 0) {
                return WitVariant.err(new WitVariant(err, null));
              }
              f(a).append((String) a[1], (byte[]) a[2]);
              return WitVariant.ok(null);
            })
        .func(
            "[method]fields.entries",
            (s, a) -> {
              List<Object> out = new ArrayList<>();
              for (Map.Entry<String, byte[]> e : f(a).entries) {
                out.add(List.of(e.getKey(), e.getValue().clone()));
              }
              return out;
            })
        .func("[method]fields.clone", (s, a) -> f(a).copy());
  }

  private static OutgoingRequest oreq(Object[] a) {
    return (OutgoingRequest) a[0];
  }

  private static RequestOptions opts(Object[] a) {
    return (RequestOptions) a[0];
  }

  @SuppressWarnings("unchecked")
  private static Optional<Object> opt(Object v) {
    return (Optional<Object>) v;
  }

  private static void outgoing(HostInterface.Builder b) {
    b.func("[constructor]outgoing-request", (s, a) -> WasiHttp.newRequest((HttpFields) a[0]))
        .func(
            "[method]outgoing-request.body",
            (s, a) -> {
              OutgoingRequest r = oreq(a);
              if (r.body != null) {
                return WitVariant.err(null);
              }
              r.body = new OutgoingBody();
              return WitVariant.ok(r.body);
            })
        .func("[method]outgoing-request.method", (s, a) -> oreq(a).method)
        .func("[method]outgoing-request.set-method", (s, a) -> set(() -> oreq(a).method = a[1]))
        .func("[method]outgoing-request.path-with-query", (s, a) -> oreq(a).pathWithQuery)
        .func(
            "[method]outgoing-request.set-path-with-query",
            (s, a) -> set(() -> oreq(a).pathWithQuery = opt(a[1])))
        .func("[method]outgoing-request.scheme", (s, a) -> oreq(a).scheme)
        .func(
            "[method]outgoing-request.set-scheme", (s, a) -> set(() -> oreq(a).scheme = opt(a[1])))
        .func("[method]outgoing-request.authority", (s, a) -> oreq(a).authority)
        .func(
            "[method]outgoing-request.set-authority",
            (s, a) -> set(() -> oreq(a).authority = opt(a[1])))
        .func("[method]outgoing-request.headers", (s, a) -> oreq(a).headers)
        .func("[constructor]request-options", (s, a) -> WasiHttp.newOptions())
        .func("[method]request-options.connect-timeout", (s, a) -> opts(a).connectTimeout)
        .func(
            "[method]request-options.set-connect-timeout",
            (s, a) -> set(() -> opts(a).connectTimeout = opt(a[1])))
        .func("[method]request-options.first-byte-timeout", (s, a) -> opts(a).firstByteTimeout)
        .func(
            "[method]request-options.set-first-byte-timeout",
            (s, a) -> set(() -> opts(a).firstByteTimeout = opt(a[1])))
        .func(
            "[method]request-options.between-bytes-timeout", (s, a) -> opts(a).betweenBytesTimeout)
        .func(
            "[method]request-options.set-between-bytes-timeout",
            (s, a) -> set(() -> opts(a).betweenBytesTimeout = opt(a[1])));
  }

  private static Object set(Runnable r) {
    r.run();
    return WitVariant.ok(null);
  }
}
