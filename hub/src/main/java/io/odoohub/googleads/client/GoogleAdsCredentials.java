package io.odoohub.googleads.client;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.auth.Credentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.auth.oauth2.UserCredentials;
import io.odoohub.security.CredentialStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Google credentials from the hub's credential store (set through {@code PUT /api/v1/credentials/<name>}): an OAuth
 * client with a refresh token, or a service account's JSON key. Values never leave this class except as Google's
 * credential objects.
 */
public final class GoogleAdsCredentials {

    public static final String OAUTH = "oauth";
    public static final String SERVICE_ACCOUNT = "service-account";
    public static final String CLIENT_ID = "google-ads.client-id";
    public static final String CLIENT_SECRET = "google-ads.client-secret";
    public static final String REFRESH_TOKEN = "google-ads.refresh-token";
    public static final String SERVICE_ACCOUNT_KEY = "google-ads.service-account-key";
    public static final String DEVELOPER_TOKEN = "google-ads.developer-token";
    static final String SCOPE = "https://www.googleapis.com/auth/adwords";

    private final CredentialStore store;
    private final String mode;

    public GoogleAdsCredentials(CredentialStore store, String mode) {
        this.store = store;
        this.mode = mode;
    }

    /** The credentials, or a {@link AdsFailure} of kind CONFIGURATION naming what is missing. */
    public CredentialsProvider provider() {
        try {
            return FixedCredentialsProvider.create(credentials());
        } catch (IOException e) {
            throw AdsFailure.configuration("the service account key in " + SERVICE_ACCOUNT_KEY + " cannot be read: " + e.getMessage());
        }
    }

    public Optional<String> developerToken() {
        return store.get(DEVELOPER_TOKEN);
    }

    private Credentials credentials() throws IOException {
        if (SERVICE_ACCOUNT.equals(mode)) {
            String key = require(SERVICE_ACCOUNT_KEY);
            return ServiceAccountCredentials.fromStream(new ByteArrayInputStream(key.getBytes(StandardCharsets.UTF_8)))
                    .createScoped(List.of(SCOPE));
        }
        return UserCredentials.newBuilder()
                .setClientId(require(CLIENT_ID))
                .setClientSecret(require(CLIENT_SECRET))
                .setRefreshToken(require(REFRESH_TOKEN))
                .build();
    }

    private String require(String name) {
        return store.get(name).orElseThrow(() -> AdsFailure.configuration(
                "credential " + name + " is not set (PUT /api/v1/credentials/" + name + ")"));
    }
}
