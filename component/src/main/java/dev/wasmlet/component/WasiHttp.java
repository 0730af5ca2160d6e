package dev.wasmlet.component;

import dev.wasmlet.component.HttpResources.FutureTrailers;
import dev.wasmlet.component.HttpResources.IncomingBody;
import dev.wasmlet.component.HttpResources.IncomingRequest;
import dev.wasmlet.component.HttpResources.OutgoingBody;
import dev.wasmlet.component.HttpResources.OutgoingRequest;
import dev.wasmlet.component.HttpResources.OutgoingResponse;
import dev.wasmlet.component.HttpResources.RequestOptions;
import dev.wasmlet.component.HttpResources.ResponseOutparam;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The host's {@code wasi:http/types} and {@code wasi:http/outgoing-handler} @0.2 (outgoing requests
 * go through {@link WasiOutgoing}: only to what the store's {@link OutboundHttp} allows, else
 * {@code HTTP-request-denied}), and {@link #serve}, which runs a component's {@code
 * incoming-handler} for one request.
 */
public final class WasiHttp {
  private WasiHttp() {}

  static final String VERSION = "@0.2.12";
  static final String HANDLER = "wasi:http/incoming-handler" + VERSION;

  /** error-code cases. */
  static final int HTTP_REQUEST_DENIED = 15;

  static final int INTERNAL_ERROR = 38;

  private static final String[] METHODS = {
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"
  };

  public static void define(Linker linker) {
    linker.define(WasiHttpTypes.build());
    linker.define(
        HostInterface.builder("wasi:http/outgoing-handler" + VERSION)
            .func("handle", WasiOutgoing::handle)
            .build());
  }

  /** The method variant for a request method. */
  static WitVariant method(String m) {
    for (int i = 0; i < METHODS.length; i++) {
      if (METHODS[i].equals(m)) {
        return new WitVariant(i, null);
      }
    }
    return new WitVariant(METHODS.length, m);
  }

  static WitVariant scheme(String s) {
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "http" -> new WitVariant(0, null);
      case "https" -> new WitVariant(1, null);
      default -> new WitVariant(2, s);
    };
  }

  /** How a request ended. */
  public record Outcome(boolean responded, int status, String failure) {}

  /**
   * Runs {@code component}'s incoming handler for one request in a fresh instance. When the guest
   * traps, or returns without setting a response, or sets an error, and nothing was sent yet, the
   * outcome says so and the caller answers 500; once the head is sent, a failure ends the body
   * where it stopped.
   */
  public static Outcome serve(
      LoadedComponent component,
      Store store,
      HttpExchange exchange,
      int maxPages,
      long maxResponseBytes) {
    HttpState state = new HttpState(exchange, maxResponseBytes);
    store.attach(HttpState.class, state);
    List<Map.Entry<String, byte[]>> headers = new ArrayList<>(exchange.headers());
    IncomingRequest request = new IncomingRequest(exchange, new HttpFields(headers, true));
    String failure = null;
    try (ComponentInstance instance = component.instantiate(store, maxPages)) {
      instance.call(HANDLER, "handle", request, new ResponseOutparam());
    } catch (RuntimeException | StackOverflowError e) {
      failure = describe(e);
    }
    try {
      if (state.committed) {
        WasiOutputStream written = state.response.body.stream;
        if (failure == null && written != null && written.overLimit()) {
          failure =
              "the response body went over its limit of "
                  + state.maxResponseBytes
                  + " bytes and was cut short";
        } else if (failure == null && !state.response.body.finished) {
          failure = "the guest did not finish the response body (outgoing-body.finish)";
        }
        if (!state.response.body.finished && state.clientBody != null) {
          state.clientBody.close();
        }
      } else if (failure == null) {
        failure =
            state.outparamSet
                ? "the guest set an error response: " + state.errorCode
                : "the guest returned without setting a response (response-outparam.set)";
      }
    } catch (IOException e) {
      failure = failure == null ? "the client went away: " + e.getMessage() : failure;
    }
    return new Outcome(state.committed, state.committed ? state.response.status : 500, failure);
  }

  static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  // ---- functions used by WasiHttpTypes ----

  static Object outparamSet(Store s, Object[] a) {
    ResponseOutparam param = (ResponseOutparam) a[0];
    HttpState state = s.get(HttpState.class);
    if (param.set || state.outparamSet) {
      throw new ComponentTrap("response-outparam.set called twice");
    }
    param.set = true;
    state.outparamSet = true;
    WitVariant result = (WitVariant) a[1];
    if (result.caseIndex() == 1) {
      state.errorCode = result.payload();
      return null;
    }
    try {
      state.commit((OutgoingResponse) result.payload());
    } catch (IOException e) {
      throw new ComponentTrap("sending the response failed: " + e.getMessage());
    }
    return null;
  }

  static Object bodyWrite(Store s, Object[] a) {
    OutgoingBody body = (OutgoingBody) a[0];
    if (body.streamTaken) {
      return WitVariant.err(null);
    }
    body.streamTaken = true;
    long cap = s.get(HttpState.class).maxResponseBytes;
    body.stream = new WasiOutputStream(body, cap, "the response body");
    return WitVariant.ok(body.stream);
  }

  static Object bodyFinish(Store s, Object[] a) {
    OutgoingBody body = (OutgoingBody) a[0];
    try {
      body.finish();
      return WitVariant.ok(null);
    } catch (IOException e) {
      return WitVariant.err(new WitVariant(INTERNAL_ERROR, Optional.of(e.getMessage())));
    }
  }

  static Object consume(IncomingRequest r) {
    if (r.consumed) {
      return WitVariant.err(null);
    }
    r.consumed = true;
    return WitVariant.ok(new IncomingBody(new WasiInputStream(r.exchange.body())));
  }

  static Object bodyStream(IncomingBody b) {
    if (b.streamTaken) {
      return WitVariant.err(null);
    }
    b.streamTaken = true;
    return WitVariant.ok(b.stream);
  }

  static Object newTrailers() {
    return new FutureTrailers();
  }

  static Object newOptions() {
    return new RequestOptions();
  }

  static Object newRequest(HttpFields headers) {
    headers.immutable = true;
    return new OutgoingRequest(headers);
  }
}
