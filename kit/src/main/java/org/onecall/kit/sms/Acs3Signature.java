package org.onecall.kit.sms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud's V3 request signature (ACS3-HMAC-SHA256), used by the sender and checked by the
 * simulator, so both sides compute it the one same way: canonical request (method, path, sorted
 * RFC 3986 query, the signed headers, the payload's SHA-256), hashed, then HMAC-SHA256 with the
 * AccessKey secret.
 */
public final class Acs3Signature {

    public static final String ALGORITHM = "ACS3-HMAC-SHA256";
    public static final String EMPTY_SHA256 = sha256Hex(new byte[0]);

    private Acs3Signature() {
    }

    /** The Authorization header for this request; {@code headers} must hold every header to sign. */
    public static String authorization(String accessKeyId, String secret, String method, String path,
                                       Map<String, String> query, Map<String, String> headers) {
        SortedMap<String, String> signed = lower(headers);
        return ALGORITHM + " Credential=" + accessKeyId + ",SignedHeaders=" + String.join(";", signed.keySet())
                + ",Signature=" + signature(secret, method, path, query, signed);
    }

    /** The hex signature over the headers named in {@code signedHeaders}. */
    public static String signature(String secret, String method, String path, Map<String, String> query,
                                   SortedMap<String, String> signedHeaders) {
        String canonicalHeaders = signedHeaders.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue().trim() + "\n").collect(Collectors.joining());
        String canonicalRequest = method + "\n" + path + "\n" + canonicalQuery(query) + "\n" + canonicalHeaders + "\n"
                + String.join(";", signedHeaders.keySet()) + "\n"
                + signedHeaders.getOrDefault("x-acs-content-sha256", EMPTY_SHA256);
        String stringToSign = ALGORITHM + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hmac(secret, stringToSign));
    }

    /** The parts of an Authorization header, or empty when it is not an ACS3 one. */
    public static Optional<Parsed> parse(String authorization) {
        if (authorization == null || !authorization.startsWith(ALGORITHM + " ")) {
            return Optional.empty();
        }
        Map<String, String> parts = new TreeMap<>();
        for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        if (!parts.keySet().containsAll(java.util.List.of("Credential", "SignedHeaders", "Signature"))) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(parts.get("Credential"), java.util.List.of(parts.get("SignedHeaders").split(";")),
                parts.get("Signature")));
    }

    public record Parsed(String accessKeyId, java.util.List<String> signedHeaders, String signature) {
    }

    public static String canonicalQuery(Map<String, String> query) {
        return new TreeMap<>(query).entrySet().stream()
                .map(e -> percent(e.getKey()) + "=" + percent(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    /** RFC 3986: what URLEncoder leaves differently from Alibaba's rules is fixed up. */
    public static String percent(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares in constant time, so a caller cannot find a signature byte by byte from timings. */
    public static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8),
                b.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    private static SortedMap<String, String> lower(Map<String, String> headers) {
        SortedMap<String, String> out = new TreeMap<>();
        headers.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v));
        return out;
    }
}
