package io.odoohub.opspage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times and durations as the page shows them (UTC), for the templates ({@code ${fmt.time(x)}}). */
public final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);

    private final Clock clock;

    Format(Clock clock) {
        this.clock = clock;
    }

    public String time(Instant at) {
        return at == null ? "" : TIME.format(at);
    }

    /** The value of a {@code datetime-local} input (UTC). */
    public String input(Instant at) {
        return at == null ? "" : INPUT.format(at);
    }

    public String ago(Instant at) {
        return at == null ? "" : duration(Duration.between(at, clock.instant())) + " ago";
    }

    public String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        if (s < 86400) {
            return (s / 3600) + " h " + (s % 3600 / 60) + " min";
        }
        return (s / 86400) + " d " + (s % 86400 / 3600) + " h";
    }
}
