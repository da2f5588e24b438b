package io.odoohub.pardot.client;

import java.util.Map;

/**
 * What to do about a Pardot v5 error code, as PROTOCOLS.md's table says (it wins over the seed, which calls 52 a
 * daily limit and 60 an outage: they are a bad parameter range and a wrong HTTP method).
 */
public final class PardotErrors {

    public enum Action {
        /**
         * 66 too many concurrent requests, 62/85/183/214 conflict, could not save, internal error, timeout: thrown
         * retryable, coming back after {@code hub.pardot.backoff-ms}; the scheduled pull's pause-with-backoff retries.
         */
        RETRY_WITH_BACKOFF,
        /** 184 access token invalid or expired: get a new one from the refresh token, retry once. */
        REFRESH_TOKEN_AND_RETRY_ONCE,
        /** 122 daily API limit met: the flow waits until the limit resets. */
        PAUSE_UNTIL_NEXT_DAY,
        /** 1, 15, 199 bad credentials or retired auth; 181, 201 business unit header missing or wrong: a person must act. */
        PAUSE_AND_ALERT,
        /** 210, 211 page token expired or invalid: query again from the cursor. */
        RESTART_PAGE_CHAIN,
        /** 52, 60, 209 a bug in the request; 83 no CRM connector; anything unknown: log, never retry. */
        DO_NOT_RETRY
    }

    private static final Map<Integer, Action> ACTIONS = Map.ofEntries(
            Map.entry(66, Action.RETRY_WITH_BACKOFF), Map.entry(62, Action.RETRY_WITH_BACKOFF),
            Map.entry(85, Action.RETRY_WITH_BACKOFF), Map.entry(183, Action.RETRY_WITH_BACKOFF),
            Map.entry(214, Action.RETRY_WITH_BACKOFF),
            Map.entry(184, Action.REFRESH_TOKEN_AND_RETRY_ONCE),
            Map.entry(122, Action.PAUSE_UNTIL_NEXT_DAY),
            Map.entry(1, Action.PAUSE_AND_ALERT), Map.entry(15, Action.PAUSE_AND_ALERT), Map.entry(199, Action.PAUSE_AND_ALERT),
            Map.entry(181, Action.PAUSE_AND_ALERT), Map.entry(201, Action.PAUSE_AND_ALERT),
            Map.entry(210, Action.RESTART_PAGE_CHAIN), Map.entry(211, Action.RESTART_PAGE_CHAIN),
            Map.entry(52, Action.DO_NOT_RETRY), Map.entry(60, Action.DO_NOT_RETRY), Map.entry(209, Action.DO_NOT_RETRY),
            Map.entry(83, Action.DO_NOT_RETRY));

    private PardotErrors() {
    }

    public static Action classify(int code) {
        return ACTIONS.getOrDefault(code, Action.DO_NOT_RETRY);
    }
}
