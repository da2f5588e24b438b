package io.odoohub.googleads.model;

import java.time.Instant;

/**
 * What became of one conversion: UPLOADED (accepted, or Google already had it), RETRY (too recent: again after
 * {@code retryAfter}), FAILED (permanent, with Google's message).
 */
public record ConversionOutcome(ConversionCandidate candidate, State state, String message, Instant retryAfter) {

    public enum State { UPLOADED, RETRY, FAILED }
}
