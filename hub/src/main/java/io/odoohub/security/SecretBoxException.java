package io.odoohub.security;

/** A sealed value that cannot be opened: altered, sealed under another name, another key, or an unknown format. */
public class SecretBoxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SecretBoxException(String message, Throwable cause) {
        super(message, cause);
    }
}
