package io.odoohub.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets with AES-256-GCM: {@code version (1 byte) | IV (12 random bytes) | ciphertext and 128-bit tag}.
 * The secret's name (with the version byte) is the associated data, so a value copied under another name does not
 * open, and neither does an altered one.
 */
public final class SecretBox {

    /** The format written today; a new format gets a new number and this class keeps reading the old ones. */
    public static final byte VERSION = 1;
    public static final int KEY_BYTES = 32;
    static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the master key must be " + KEY_BYTES + " bytes (AES-256)");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
    }

    /** Encrypts {@code plaintext} for the secret {@code name}. */
    public byte[] seal(String name, byte[] plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(VERSION, name));
            byte[] sealed = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available: " + e.getMessage(), e);
        }
    }

    /** Decrypts a value sealed for {@code name}; {@link SecretBoxException} when it does not open. */
    public byte[] open(String name, byte[] sealed) {
        if (sealed == null || sealed.length < 1 + IV_BYTES + TAG_BITS / 8) {
            throw new SecretBoxException("secret '" + name + "' is not a sealed value (too short)", null);
        }
        if (sealed[0] != VERSION) {
            throw new SecretBoxException("secret '" + name + "' has an unknown format version " + sealed[0], null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
            cipher.updateAAD(aad(sealed[0], name));
            return cipher.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new SecretBoxException("secret '" + name + "' does not open: altered, stored under another name,"
                    + " or sealed with another master key", e);
        } catch (GeneralSecurityException e) {
            throw new SecretBoxException("secret '" + name + "' does not open: " + e.getClass().getSimpleName(), e);
        }
    }

    /** Seals a text value (UTF-8); the intermediate bytes are wiped. */
    public byte[] sealText(String name, String value) {
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        try {
            return seal(name, plain);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Opens a text value sealed by {@link #sealText}. */
    public String openText(String name, byte[] sealed) {
        byte[] plain = open(name, sealed);
        try {
            return new String(plain, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static byte[] aad(byte version, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + n.length).put(version).put(n).array();
    }
}
