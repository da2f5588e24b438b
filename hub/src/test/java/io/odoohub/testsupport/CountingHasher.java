package io.odoohub.testsupport;

import io.odoohub.security.PasswordHasher;
import io.odoohub.security.Pbkdf2PasswordHasher;
import java.util.concurrent.atomic.AtomicInteger;

/** A password hasher that counts the checks it makes and can run something before each (to hold it, as a slow hash would). */
public final class CountingHasher implements PasswordHasher {

    private final PasswordHasher delegate;
    private final AtomicInteger verifications = new AtomicInteger();
    private volatile Runnable beforeEachCheck = () -> { };

    public CountingHasher(PasswordHasher delegate) {
        this.delegate = delegate;
    }

    /** PBKDF2 at a low cost, to keep tests quick (the hub uses Pbkdf2PasswordHasher's default). */
    public static CountingHasher cheap() {
        return new CountingHasher(new Pbkdf2PasswordHasher(10_000));
    }

    public CountingHasher beforeEachCheck(Runnable action) {
        this.beforeEachCheck = action;
        return this;
    }

    public int verifications() {
        return verifications.get();
    }

    @Override
    public String hash(char[] password) {
        return delegate.hash(password);
    }

    @Override
    public boolean verify(char[] password, String encoded) {
        verifications.incrementAndGet();
        beforeEachCheck.run();
        return delegate.verify(password, encoded);
    }
}
