package io.odoohub.pardot.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.security.CredentialStore;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Salesforce OAuth access token for Pardot, kept fresh from a refresh token (grant {@code refresh_token}). The
 * client id, client secret and refresh token are credentials ({@code pardot.client-id}, {@code pardot.client-secret},
 * {@code pardot.refresh-token}), read from the encrypted store at each refresh, so a rotated value needs no restart.
 */
public final class PardotTokens {

    public static final String CLIENT_ID = "pardot.client-id";
    public static final String CLIENT_SECRET = "pardot.client-secret";
    public static final String REFRESH_TOKEN = "pardot.refresh-token";
    private static final Logger LOG = LoggerFactory.getLogger(PardotTokens.class);

    private final URI tokenUrl;
    private final CredentialStore credentials;
    private final HttpClient http;
    private volatile String accessToken;
    private volatile long refreshes;

    public PardotTokens(String tokenUrl, CredentialStore credentials, HttpClient http) {
        this.tokenUrl = URI.create(tokenUrl);
        this.credentials = credentials;
        this.http = http;
    }

    /** The current access token, fetched first if there is none. */
    public String current() {
        String t = accessToken;
        return t != null ? t : refresh(null);
    }

    /**
     * A new access token, unless another thread already replaced {@code stale} meanwhile (then that one): several
     * requests that saw code 184 together cause one refresh.
     */
    public synchronized String refresh(String stale) {
        if (accessToken != null && !accessToken.equals(stale)) {
            return accessToken;
        }
        String form = "grant_type=refresh_token&client_id=" + enc(need(CLIENT_ID)) + "&client_secret=" + enc(need(CLIENT_SECRET))
                + "&refresh_token=" + enc(need(REFRESH_TOKEN));
        HttpRequest request = HttpRequest.newBuilder(tokenUrl).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new PardotApiException(0, 0, "token endpoint unreachable: " + e.getMessage(), PardotErrors.Action.RETRY_WITH_BACKOFF);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PardotApiException(0, 0, "interrupted while refreshing the access token", PardotErrors.Action.RETRY_WITH_BACKOFF);
        }
        JsonNode body = PardotJson.readOrNull(response.body());
        if (response.statusCode() / 100 != 2 || body == null || !body.hasNonNull("access_token")) {
            String error = body == null ? "unreadable answer" : body.path("error").asText("?") + " " + body.path("error_description").asText("");
            // a refused refresh token needs a person: the flow pauses with this reason
            throw new PardotApiException(0, response.statusCode(), "the OAuth token endpoint refused the refresh token (" + error.trim()
                    + "); store a new one as credential " + REFRESH_TOKEN, response.statusCode() >= 500
                    ? PardotErrors.Action.RETRY_WITH_BACKOFF : PardotErrors.Action.PAUSE_AND_ALERT);
        }
        accessToken = body.get("access_token").asText();
        refreshes++;
        LOG.info("Pardot: access token refreshed ({} so far)", refreshes);
        return accessToken;
    }

    public long refreshes() {
        return refreshes;
    }

    private String need(String name) {
        return credentials.get(name).filter(v -> !v.isBlank()).orElseThrow(() -> new PardotApiException(0, 0,
                "credential " + name + " is not set (PUT /api/v1/credentials/" + name + ")", PardotErrors.Action.PAUSE_AND_ALERT));
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
