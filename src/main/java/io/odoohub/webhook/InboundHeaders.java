package io.odoohub.webhook;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Message;

/**
 * Camel 4.18.0 predates the fixes for mixed-case {@code Camel*} header injection: an inbound HTTP route keeps only
 * the headers it names and drops every other one before anything else runs.
 */
public final class InboundHeaders {

    private InboundHeaders() {
    }

    /** Removes every header not named in {@code keep} (names compared case-insensitively). */
    public static void keepOnly(Message message, Set<String> keep) {
        Set<String> lower = keep.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        message.getHeaders().keySet().removeIf(name -> !lower.contains(name.toLowerCase(Locale.ROOT)));
    }
}
