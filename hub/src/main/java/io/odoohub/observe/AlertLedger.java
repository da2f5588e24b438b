package io.odoohub.observe;

import io.odoohub.store.Jdbc;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * What operators were told, in the hub's database (tables {@code alert_arm} and {@code alert_sent}), so that several
 * nodes checking the same flows send each notification once between them. Every step is one statement the database
 * runs atomically: a crossing of the dead-letter threshold is counted by the node whose conditional update flips the
 * flow's state; a notification is sent by the node whose insert claims it; a send that failed gives its claim back,
 * and a claim left by a node that died while sending is taken over once it is older than {@code staleAfter}.
 */
public final class AlertLedger {

    private final Jdbc jdbc;
    private final Duration staleAfter;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    public AlertLedger(DataSource dataSource, Duration staleAfter) {
        this.jdbc = new Jdbc(dataSource);
        this.staleAfter = staleAfter;
    }

    /**
     * Records whether the flow's open dead letters are above the threshold and answers the number of times they
     * crossed it (a crossing counted once, by whichever node saw it first).
     */
    public int crossing(String flow, boolean above) {
        if (!known.contains(flow)) {
            // known only once the row is there (made here or by another node): a thread that finds the flow known
            // must find its row
            jdbc.insertUnlessTaken("could not record the alerts of flow " + flow, "INSERT INTO alert_arm (flow, above, crossing) VALUES (?, FALSE, 0)",
                    flow);
            known.add(flow);
        }
        if (above) {
            jdbc.update("could not record the alerts of flow " + flow,
                    "UPDATE alert_arm SET above = TRUE, crossing = crossing + 1 WHERE flow = ? AND above = FALSE", flow);
        } else {
            jdbc.update("could not record the alerts of flow " + flow, "UPDATE alert_arm SET above = FALSE WHERE flow = ? AND above = TRUE", flow);
        }
        return jdbc.one("could not read the alerts of flow " + flow, "SELECT crossing FROM alert_arm WHERE flow = ?", rs -> rs.getInt(1), flow)
                .orElse(0);
    }

    /** Claims the notification {@code key} for {@code channel}: true for the one node that is to send it now. */
    public boolean claim(String channel, String key, Instant now) {
        if (jdbc.insertUnlessTaken("could not claim notification " + key,
                "INSERT INTO alert_sent (channel, alert_key, state, claimed_at) VALUES (?, ?, 'sending', ?)", channel, key, now)) {
            return true;
        }
        // sent, being sent, or claimed by a node that died before it said either: only a stale claim is taken over
        return jdbc.update("could not claim notification " + key,
                "UPDATE alert_sent SET claimed_at = ? WHERE channel = ? AND alert_key = ? AND state = 'sending' AND claimed_at < ?",
                now, channel, key, now.minus(staleAfter)) == 1;
    }

    /** The claimed notification was delivered: no node sends it again. */
    public void sent(String channel, String key) {
        jdbc.update("could not record notification " + key, "UPDATE alert_sent SET state = 'sent' WHERE channel = ? AND alert_key = ?", channel, key);
    }

    /** The send failed: the claim is given back, and the next check (on any node) tries again. */
    public void release(String channel, String key) {
        jdbc.update("could not release notification " + key, "DELETE FROM alert_sent WHERE channel = ? AND alert_key = ? AND state = 'sending'",
                channel, key);
    }

    /** Whether the notification was delivered through the channel (by any node). */
    public boolean wasSent(String channel, String key) {
        return jdbc.one("could not read notification " + key, "SELECT state FROM alert_sent WHERE channel = ? AND alert_key = ?",
                rs -> rs.getString(1), channel, key).map("sent"::equals).orElse(false);
    }
}
