package io.odoohub.webhook;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.Message;

/**
 * An inbound HTTP route keeps only the headers it names and drops every other one before anything else runs. Camel
 * 4.18 already has the fixes for mixed-case {@code Camel*} header injection (CVE-2025-27636 and CVE-2025-29891, fixed
 * in 4.10.2 and 4.10.3); the allowlist stays as a second line: a route never sees a header it did not ask for.
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
