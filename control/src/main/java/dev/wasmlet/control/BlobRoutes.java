package dev.wasmlet.control;

import static dev.wasmlet.control.ApiExchange.json;
import static dev.wasmlet.control.ApiExchange.param;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The admin API's content-addressed uploads, {@code /api/v1/blobs/{digest}}: a client asks which
 * files the server lacks and uploads only those, within the server's upload limit.
 */
final class BlobRoutes {
  private final BlobStore blobs;
  private final ServerConfig config;

  BlobRoutes(BlobStore blobs, ServerConfig config) {
    this.blobs = blobs;
    this.config = config;
  }

  void headBlob(ServerRequest req, ServerResponse res) {
    String d = BlobStore.checkDigest(param(req, "digest"));
    if (blobs.has(d)) {
      res.header(HeaderNames.CONTENT_LENGTH, Long.toString(blobs.size(d)));
      res.status(Status.OK_200);
    } else {
      res.status(Status.NOT_FOUND_404);
    }
    res.send();
  }

  void putBlob(ServerRequest req, ServerResponse res) throws IOException {
    String d = BlobStore.checkDigest(param(req, "digest"));
    Optional<Long> declared = req.headers().contentLength().stream().boxed().findFirst();
    if (declared.isPresent() && declared.get() > config.maxUpload()) {
      throw new ApiProblem(
          413,
          "too-large",
          "blob "
              + d
              + " ("
              + declared.get()
              + " bytes) is larger than the upload limit of "
              + config.maxUpload()
              + " bytes; raise it with wasmlet server --max-upload");
    }
    boolean created;
    try (InputStream in = req.content().inputStream()) {
      created = blobs.put(d, in, config.maxUpload());
    }
    ObjectNode o = Json.object();
    o.put("digest", d);
    o.put("size", blobs.size(d));
    json(res, created ? 201 : 200, o);
  }
}
