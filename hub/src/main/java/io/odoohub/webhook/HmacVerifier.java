package io.odoohub.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over the raw body, compared in constant time. Several secrets verify at once, so a secret can be
 * rotated without refusing deliveries signed with the old one.
 */
public final class HmacVerifier {

    public enum Encoding { HEX, BASE64 }

    private final List<byte[]> secrets;
    private final Encoding encoding;

    /** @param secrets comma-separated; empty entries are ignored */
    public HmacVerifier(String secrets, Encoding encoding) {
        this.secrets = new ArrayList<>();
        if (secrets != null) {
            for (String s : secrets.split(",")) {
                if (!s.isBlank()) {
                    this.secrets.add(s.trim().getBytes(StandardCharsets.UTF_8));
                }
            }
        }
        this.encoding = encoding;
    }

    public boolean isConfigured() {
        return !secrets.isEmpty();
    }

    /** True when {@code signature} is the HMAC of {@code body} under one of the secrets. */
    public boolean verify(byte[] body, String signature) {
        if (signature == null || signature.isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = encoding == Encoding.HEX ? HexFormat.of().parseHex(signature.trim()) : Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean ok = false;
        for (byte[] secret : secrets) {
            // every secret is checked, so the time taken does not tell which one matched
            ok |= MessageDigest.isEqual(sign(secret, body), given);
        }
        return ok;
    }

    /**
     * The same for a signature sent as {@code <prefix><signature>} ({@code sha256=<hex>}, as GitHub sends it); without
     * the prefix it fails.
     */
    public boolean verify(byte[] body, String signature, String prefix) {
        return signature != null && signature.startsWith(prefix) && verify(body, signature.substring(prefix.length()));
    }

    /** True when {@code given} is one of the secrets itself (a sender that sends its shared secret instead of signing). */
    public boolean isSecret(String given) {
        if (given == null) {
            return false;
        }
        byte[] bytes = given.trim().getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (byte[] secret : secrets) {
            ok |= MessageDigest.isEqual(secret, bytes);
        }
        return ok;
    }

    /** The signature a sender computes (for tests and for documentation). */
    public static String sign(String secret, byte[] body, Encoding encoding) {
        byte[] mac = sign(secret.getBytes(StandardCharsets.UTF_8), body);
        return encoding == Encoding.HEX ? HexFormat.of().formatHex(mac) : Base64.getEncoder().encodeToString(mac);
    }

    private static byte[] sign(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
