package io.odoohub.security;

/** Turns a password into a stored hash and checks a password against one. */
public interface PasswordHasher {

    /** A new salted hash of {@code password}; the salt and cost are encoded in the result. */
    String hash(char[] password);

    /** Whether {@code password} matches {@code encoded}; runs the full hash even when the answer is no. */
    boolean verify(char[] password, String encoded);
}
