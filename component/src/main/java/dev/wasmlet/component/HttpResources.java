package dev.wasmlet.component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/** The host objects behind {@code wasi:http/types} resources, one request's worth. */
final class HttpResources {
  private HttpResources() {}

  static final class IncomingRequest {
    final HttpExchange exchange;
    final HttpFields headers;
    boolean consumed;

    IncomingRequest(HttpExchange exchange, HttpFields headers) {
      this.exchange = exchange;
      this.headers = headers;
    }
  }

  static final class IncomingBody {
    final WasiInputStream stream;
    boolean streamTaken;

    IncomingBody(WasiInputStream stream) {
      this.stream = stream;
    }
  }

  static final class FutureTrailers {}

  static final class ResponseOutparam {
    boolean set;
  }

  static final class OutgoingResponse {
    int status = 200;
    final HttpFields headers;
    OutgoingBody body;

    OutgoingResponse(HttpFields headers) {
      this.headers = headers;
    }
  }

  /**
   * A response body: bytes written before the response is sent wait (within the response cap);
   * after it is sent they go straight to the client.
   */
  static final class OutgoingBody extends OutputStream implements HostResource {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private OutputStream live;
    boolean streamTaken;
    boolean finished;

    /** The stream the guest writes through, once it took it (null before). */
    WasiOutputStream stream;

    /** Run once when the guest finishes the body (an outgoing request is sent then). */
    Runnable onFinish;

    /** The most bytes held before the body is attached somewhere. */
    long limit = Long.MAX_VALUE;

    /** What was written while nothing was attached. */
    byte[] buffered() {
      return pending.toByteArray();
    }

    void attach(OutputStream to) throws IOException {
      live = to;
      pending.writeTo(to);
      pending.reset();
      if (finished) {
        to.close();
      }
    }

    void finish() throws IOException {
      finished = true;
      if (live != null) {
        live.close();
      }
      if (onFinish != null) {
        Runnable r = onFinish;
        onFinish = null;
        r.run();
      }
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (finished) {
        throw new IOException("the response body is finished");
      }
      if (live != null) {
        live.write(b, off, len);
      } else {
        if (pending.size() + (long) len > limit) {
          throw new IOException("the body is over its limit of " + limit + " bytes");
        }
        pending.write(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      if (live != null) {
        live.flush();
      }
    }

    @Override
    public void dropped(Store store) {
      // Dropped without finish: the response ends where the guest stopped (see WasiHttp.serve).
    }
  }

  static final class OutgoingRequest {
    Object method = new WitVariant(0, null);
    Optional<Object> pathWithQuery = Optional.empty();
    Optional<Object> scheme = Optional.empty();
    Optional<Object> authority = Optional.empty();
    final HttpFields headers;
    OutgoingBody body;

    OutgoingRequest(HttpFields headers) {
      this.headers = headers;
    }
  }

  static final class RequestOptions {
    Optional<Object> connectTimeout = Optional.empty();
    Optional<Object> firstByteTimeout = Optional.empty();
    Optional<Object> betweenBytesTimeout = Optional.empty();
  }
}
