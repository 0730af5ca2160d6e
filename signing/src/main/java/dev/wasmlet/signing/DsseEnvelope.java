package dev.wasmlet.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A DSSE envelope: {@code {payload (base64), payloadType, signatures: [{keyid, sig (base64)}]}}.
 */
public record DsseEnvelope(byte[] payload, String payloadType, List<Signature> signatures) {

  /** One signature: the signing key's id (may be empty) and the signature bytes. */
  public record Signature(String keyid, byte[] sig) {
    public Signature {
      sig = sig.clone();
    }

    @Override
    public byte[] sig() {
      return sig.clone();
    }
  }

  public DsseEnvelope {
    payload = payload.clone();
    signatures = List.copyOf(signatures);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The envelope as the JSON object Sigstore and DSSE use. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("payload", Base64.getEncoder().encodeToString(payload));
    o.put("payloadType", payloadType);
    ArrayNode sigs = o.putArray("signatures");
    for (Signature s : signatures) {
      sigs.addObject().put("sig", Base64.getEncoder().encodeToString(s.sig)).put("keyid", s.keyid);
    }
    return o;
  }

  /** Reads an envelope from its JSON object; {@link BundleInvalid} names what is wrong. */
  public static DsseEnvelope fromJson(JsonNode o) {
    if (o == null || !o.isObject()) {
      throw new BundleInvalid("DSSE envelope is not a JSON object");
    }
    byte[] payload = base64(text(o, "payload"), "payload");
    String type = text(o, "payloadType");
    JsonNode sigs = o.get("signatures");
    if (sigs == null || !sigs.isArray() || sigs.isEmpty()) {
      throw new BundleInvalid("DSSE envelope has no signatures");
    }
    List<Signature> list = new ArrayList<>();
    for (JsonNode s : sigs) {
      JsonNode keyid = s.get("keyid");
      list.add(
          new Signature(
              keyid == null || keyid.isNull() ? "" : keyid.asText(),
              base64(text(s, "sig"), "signature")));
    }
    return new DsseEnvelope(payload, type, list);
  }

  private static String text(JsonNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || !v.isTextual()) {
      throw new BundleInvalid("DSSE envelope has no \"" + field + "\" string");
    }
    return v.asText();
  }

  private static byte[] base64(String text, String what) {
    try {
      return Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new BundleInvalid("DSSE envelope " + what + " is not valid base64", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DsseEnvelope e
        && Arrays.equals(payload, e.payload)
        && payloadType.equals(e.payloadType)
        && signatures.size() == e.signatures.size()
        && toJson().equals(e.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return "DsseEnvelope["
        + payloadType
        + ", "
        + payload.length
        + " bytes, "
        + signatures.size()
        + " signature(s)]";
  }
}
