package io.odoohub.pardot.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.odoohub.error.Pacer;
import io.odoohub.store.SharedQuota;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pardot (Account Engagement) v5 API: bearer token and {@code Pardot-Business-Unit-Id} on every request, at most
 * {@code maxConcurrent} requests at once, a count of the day's calls that stops short of the edition's limit (kept in
 * the hub's database, {@link SharedQuota}, so that several nodes spend one limit between them), and
 * the error codes handled as {@link PardotErrors} says: one token refresh for 184; every other code is thrown for the
 * caller to act on. It never sleeps or loops to retry: 66/62/85/183/214 and transport failures are thrown retryable,
 * with {@code hub.pardot.backoff-ms} as their "come back after" (Pardot sends no Retry-After), and the scheduled
 * pull's pause-with-backoff ({@link io.odoohub.error.PullBackoff}) tries again; 122 and credential codes pause the
 * flows; 210/211 restart the page chain from the cursor (paging, not a retry). The five-at-once limit is pacing, by
 * the shared {@link Pacer}: a call waits for a slot before it is sent.
 */
public final class PardotClient {

    /** One page of a query: its records and the token of the next page (null on the last). */
    public record Page(List<JsonNode> values, String nextPageToken) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(PardotClient.class);

    private final Api settings;
    private final PardotTokens tokens;
    private final HttpClient http;
    private final Clock clock;
    private final Pacer concurrent;
    private final AtomicLong requests = new AtomicLong();
    private final SharedQuota quota;
    private final String quotaName;

    public PardotClient(Api settings, PardotTokens tokens, HttpClient http, Clock clock, SharedQuota quota) {
        this.settings = settings;
        this.quota = quota;
        // Pardot's limit is its account's: one quota per business unit
        this.quotaName = "pardot:" + settings.businessUnitId();
        this.tokens = tokens;
        this.http = http;
        this.clock = clock;
        this.concurrent = Pacer.atMostAtOnce(settings.maxConcurrent());
    }

    /** First page of {@code GET /api/v5/objects/<object>?fields=...&limit=...&<filters>}. */
    public Page query(String object, List<String> fields, Map<String, String> filters) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("fields", String.join(",", fields));
        params.put("limit", String.valueOf(settings.pageSize()));
        params.putAll(filters);
        return page(send("GET", "/api/v5/objects/" + object + "?" + query(params), null));
    }

    /** The page after one whose {@code nextPageToken} is given (the token carries the query). */
    public Page next(String object, String pageToken) {
        return page(send("GET", "/api/v5/objects/" + object + "?nextPageToken=" + enc(pageToken), null));
    }

    /**
     * Every record of a query ordered by {@code cursorField}, page by page to {@code perPage}. An expired or refused
     * page token (210, 211) restarts the chain from the last cursor value seen ({@code <cursorField>AfterOrEqualTo}):
     * the records read again are deduplicated downstream.
     */
    public void queryAll(String object, List<String> fields, Map<String, String> filters, String cursorField,
                         Consumer<List<JsonNode>> perPage) {
        Map<String, String> f = new LinkedHashMap<>(filters);
        f.put("orderBy", cursorField + ",id");
        String lastSeen = null;
        int restarts = 0;
        Page page = query(object, fields, f);
        while (true) {
            perPage.accept(page.values());
            if (!page.values().isEmpty()) {
                lastSeen = page.values().get(page.values().size() - 1).path(cursorField).asText(lastSeen);
            }
            if (page.nextPageToken() == null) {
                return;
            }
            try {
                page = next(object, page.nextPageToken());
            } catch (PardotApiException e) {
                if (e.action() != PardotErrors.Action.RESTART_PAGE_CHAIN || restarts++ >= 3) {
                    throw e;
                }
                LOG.warn("Pardot {}: {}; querying again from {}", object, e.getMessage(), lastSeen);
                f.remove(cursorField + "After");
                if (lastSeen != null) {
                    f.put(cursorField + "AfterOrEqualTo", lastSeen);
                }
                page = query(object, fields, f);
            }
        }
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, Object body) {
        return send("POST", path, PardotJson.write(body));
    }

    public JsonNode patch(String path, Object body) {
        return send("PATCH", path, PardotJson.write(body));
    }

    public void delete(String path) {
        send("DELETE", path, null);
    }

    /** HTTP requests sent to the API (not the token endpoint) since start. */
    public long requestCount() {
        return requests.get();
    }

    /** Calls counted today by every node on the hub's database, against {@link Api#dailyLimit()}. */
    public long callsToday() {
        return quota.used(quotaName, today());
    }

    /**
     * One request; an expired token (184) is refreshed and the request sent once more, as OAuth asks. Every other
     * failure is classified and thrown: a transient one carries Pardot's back-off as its "come back after", and the
     * caller's mechanism of the retry model (the scheduled pull's pause-with-backoff) tries again.
     */
    private JsonNode send(String method, String pathAndQuery, String body) {
        String token = tokens.current();
        HttpResponse<String> response = exchange(method, pathAndQuery, body, token);
        PardotApiException e = error(response);
        if (e != null && e.action() == PardotErrors.Action.REFRESH_TOKEN_AND_RETRY_ONCE) {
            tokens.refresh(token);
            response = exchange(method, pathAndQuery, body, tokens.current());
            e = error(response);
            if (e != null && e.action() == PardotErrors.Action.REFRESH_TOKEN_AND_RETRY_ONCE) {
                throw new PardotApiException(e.code(), e.httpStatus(), e.getMessage() + " (again after a token refresh)",
                        PardotErrors.Action.PAUSE_AND_ALERT);
            }
        }
        if (e != null) {
            throw e;
        }
        return response.body().isBlank() ? null : PardotJson.readOrNull(response.body());
    }

    private HttpResponse<String> exchange(String method, String pathAndQuery, String body, String token) {
        count();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(settings.apiBase() + pathAndQuery)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Pardot-Business-Unit-Id", settings.businessUnitId())
                .header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            try (Pacer.Slot slot = concurrent.slot()) {
                requests.incrementAndGet();
                return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            }
        } catch (IOException e) {
            throw new PardotApiException(0, 0, method + " " + path(pathAndQuery) + " failed: " + e.getMessage(),
                    PardotErrors.Action.RETRY_WITH_BACKOFF, settings.backoff());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PardotApiException(0, 0, "interrupted", PardotErrors.Action.RETRY_WITH_BACKOFF);
        }
    }

    /**
     * Counts a call in the shared quota; the hub's own count refuses the call that would pass the edition's daily
     * limit, whichever node would send it.
     */
    private void count() {
        LocalDate today = today();
        if (!quota.take(quotaName, today, settings.dailyLimit())) {
            throw new PardotApiException(122, 0, "the hub counted " + quota.used(quotaName, today) + " calls today, the daily limit of "
                    + settings.dailyLimit(), PardotErrors.Action.PAUSE_UNTIL_NEXT_DAY);
        }
    }

    /** The day in Pardot's limit zone (its daily limit resets at its midnight). */
    private LocalDate today() {
        return LocalDate.now(clock.withZone(settings.limitZone()));
    }

    /** The failure an answer says, classified (a transient one comes back after Pardot's back-off), or null for a 2xx. */
    private PardotApiException error(HttpResponse<String> response) {
        if (response.statusCode() / 100 == 2) {
            return null;
        }
        JsonNode body = PardotJson.readOrNull(response.body());
        int code = 0;
        String message = "unexpected answer without an error code";
        PardotErrors.Action action;
        if (body != null && body.has("code") && body.get("code").canConvertToInt()) {
            code = body.get("code").asInt();
            message = body.path("message").asText("");
            action = PardotErrors.classify(code);
        } else {
            // no Pardot error body: a gateway or outage answer; 5xx may pass, anything else is a bug on our side
            action = response.statusCode() >= 500 ? PardotErrors.Action.RETRY_WITH_BACKOFF : PardotErrors.Action.DO_NOT_RETRY;
        }
        // Pardot sends no Retry-After: its documented back-off for transient codes is the least wait
        return new PardotApiException(code, response.statusCode(), message, action,
                action == PardotErrors.Action.RETRY_WITH_BACKOFF ? settings.backoff() : null);
    }

    private static Page page(JsonNode body) {
        List<JsonNode> values = new ArrayList<>();
        if (body != null && body.path("values").isArray()) {
            body.get("values").forEach(values::add);
        }
        String next = body == null || body.path("nextPageToken").isNull() ? null : body.path("nextPageToken").asText(null);
        return new Page(values, next == null || next.isBlank() ? null : next);
    }

    private static String query(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&").append(enc(k)).append('=').append(enc(v)));
        return sb.toString();
    }

    private static String path(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

}
