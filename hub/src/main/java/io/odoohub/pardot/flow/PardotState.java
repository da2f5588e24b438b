package io.odoohub.pardot.flow;

import io.odoohub.store.Jdbc;
import io.odoohub.support.Text;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import io.odoohub.pardot.model.PardotListMembership;

/** The connector's tables (V30): pull cursors, list memberships, the conflict log and the push state of each lead. */
public final class PardotState {

    /** One overridden value: which side won, and both values. */
    public record Conflict(String prospectId, String odooModel, Integer odooId, String field, String odooValue, String pardotValue, String winner) {
    }

    /** What the hub last knew of a lead's pipeline values. */
    public record PushState(int leadId, String prospectId, String valuesHash, String stageName) {
    }

    private final Jdbc jdbc;
    private final Clock clock;

    public PardotState(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    public Instant cursor(String name) {
        return jdbc.one("could not read the Pardot cursor " + name, "SELECT cursor_at FROM pardot_cursor WHERE name = ?", rs -> Jdbc.instant(rs, 1),
                name).orElse(null);
    }

    /**
     * Moves cursor {@code name} from {@code expected} (the value its run started from; null: none yet) to {@code next},
     * unless it moved meanwhile: a compare-and-set, so that of two nodes that pulled from the same value only one moves
     * it, and a cursor never goes back. Answers whether it moved (false: another node moved it first; its value stays).
     */
    boolean advanceCursor(String name, Instant expected, Instant next) {
        Timestamp now = Timestamp.from(clock.instant());
        if (expected != null) {
            return jdbc.update("could not save the Pardot cursor " + name,
                    "UPDATE pardot_cursor SET cursor_at = ?, updated_at = ? WHERE name = ? AND cursor_at = ?", Timestamp.from(next), now, name,
                    Timestamp.from(expected)) == 1;
        }
        return jdbc.insertUnlessTaken("could not save the Pardot cursor " + name, "INSERT INTO pardot_cursor (name, cursor_at, updated_at) VALUES (?, ?, ?)",
                name, Timestamp.from(next), now);
    }

    /** Adds or removes memberships (one transaction). */
    void applyMemberships(List<PardotListMembership> memberships) {
        jdbc.inTransaction("could not save Pardot list memberships", c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM pardot_list_membership WHERE prospect_id = ? AND list_id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO pardot_list_membership (prospect_id, list_id, list_name) VALUES (?, ?, ?)")) {
                for (PardotListMembership m : memberships) {
                    del.setString(1, String.valueOf(m.prospectId()));
                    del.setString(2, String.valueOf(m.listId()));
                    del.executeUpdate();
                    if (!m.deleted()) {
                        ins.setString(1, String.valueOf(m.prospectId()));
                        ins.setString(2, String.valueOf(m.listId()));
                        ins.setString(3, m.listName());
                        ins.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    /** Prospect id -> the names of the lists it is on. */
    Map<String, List<String>> listsOf(Collection<String> prospectIds) {
        Map<String, List<String>> out = new HashMap<>();
        // one statement for every prospect
        return jdbc.withConnection("could not read Pardot list memberships", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT list_name FROM pardot_list_membership WHERE prospect_id = ? ORDER BY list_name")) {
                for (String id : prospectIds) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.computeIfAbsent(id, k -> new ArrayList<>()).add(rs.getString(1));
                        }
                    }
                }
            }
            return out;
        });
    }

    void logConflicts(List<Conflict> conflicts) {
        if (conflicts.isEmpty()) {
            return;
        }
        // auto-commit, as one batch
        jdbc.withConnection("could not write the Pardot conflict log", c -> Jdbc.batch(c, "INSERT INTO pardot_conflict (prospect_id, odoo_model,"
                + " odoo_id, field, odoo_value, pardot_value, winner, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", conflicts, (ps, k) -> {
                    ps.setString(1, k.prospectId());
                    ps.setString(2, k.odooModel());
                    if (k.odooId() == null) {
                        ps.setNull(3, java.sql.Types.INTEGER);
                    } else {
                        ps.setInt(3, k.odooId());
                    }
                    ps.setString(4, k.field());
                    ps.setString(5, Text.head(k.odooValue(), 1000));
                    ps.setString(6, Text.head(k.pardotValue(), 1000));
                    ps.setString(7, k.winner());
                    ps.setTimestamp(8, Timestamp.from(clock.instant()));
                }));
    }

    public List<Conflict> conflicts(String prospectId) {
        return conflicts(prospectId, 1000);
    }

    /** The conflict log, newest first: one prospect's, or everyone's when {@code prospectId} is null. */
    public List<Conflict> conflicts(String prospectId, int limit) {
        List<Conflict> out = new ArrayList<>();
        String sql = "SELECT prospect_id, odoo_model, odoo_id, field, odoo_value, pardot_value, winner FROM pardot_conflict"
                + (prospectId == null ? "" : " WHERE prospect_id = ?") + " ORDER BY id DESC";
        return jdbc.withConnection("could not read the Pardot conflict log", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (prospectId != null) {
                    ps.setString(1, prospectId);
                }
                ps.setMaxRows(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int id = rs.getInt(3);
                        out.add(new Conflict(rs.getString(1), rs.getString(2), rs.wasNull() ? null : id, rs.getString(4), rs.getString(5),
                                rs.getString(6), rs.getString(7)));
                    }
                }
            }
            return out;
        });
    }

    Map<Integer, PushState> pushStates(Collection<Integer> leadIds) {
        Map<Integer, PushState> out = new HashMap<>();
        // one statement for every lead
        return jdbc.withConnection("could not read the Pardot push state", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT lead_id, prospect_id, values_hash, stage_name FROM pardot_push_state WHERE lead_id = ?")) {
                for (int id : leadIds) {
                    ps.setInt(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            out.put(id, new PushState(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                        }
                    }
                }
            }
            return out;
        });
    }

    void savePushStates(Collection<PushState> states) {
        if (states.isEmpty()) {
            return;
        }
        jdbc.inTransaction("could not save the Pardot push state", c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM pardot_push_state WHERE lead_id = ?");
                 PreparedStatement ins = c.prepareStatement("INSERT INTO pardot_push_state (lead_id, prospect_id, values_hash, stage_name,"
                         + " updated_at) VALUES (?, ?, ?, ?, ?)")) {
                Timestamp now = Timestamp.from(clock.instant());
                for (PushState s : states) {
                    del.setInt(1, s.leadId());
                    del.executeUpdate();
                    ins.setInt(1, s.leadId());
                    ins.setString(2, s.prospectId());
                    ins.setString(3, s.valuesHash());
                    ins.setString(4, s.stageName());
                    ins.setTimestamp(5, now);
                    ins.executeUpdate();
                }
            }
            return null;
        });
    }
}
