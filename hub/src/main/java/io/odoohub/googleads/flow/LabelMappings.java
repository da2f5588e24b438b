package io.odoohub.googleads.flow;

import io.odoohub.store.Jdbc;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The mapping from Odoo product categories to Google Ads labels (custom_label_0..4 of the product feed), kept in the
 * hub's database so the marketing team can regroup products without touching the integration.
 */
public final class LabelMappings {

    public record Mapping(long id, String odooCategory, String label, int labelIndex, Instant updatedAt) {
    }

    /** A mapping as given, checked: a clear error for bad input, nothing stored. */
    public record Input(String odooCategory, String label, int labelIndex) {
        public Input {
            if (odooCategory == null || odooCategory.isBlank() || odooCategory.length() > 200) {
                throw new IllegalArgumentException("odoo_category is required (at most 200 characters)");
            }
            if (label == null || label.isBlank() || label.length() > 100) {
                throw new IllegalArgumentException("label is required (at most 100 characters, Google's limit for a custom label)");
            }
            if (labelIndex < 0 || labelIndex > 4) {
                throw new IllegalArgumentException("label_index must be 0 to 4 (custom_label_0 .. custom_label_4)");
            }
            odooCategory = odooCategory.trim();
            label = label.trim();
        }
    }

    private final Jdbc jdbc;
    private final Clock clock;

    public LabelMappings(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    public List<Mapping> list() {
        return query("SELECT id, odoo_category, label, label_index, updated_at FROM google_ads_label_mapping ORDER BY odoo_category", null);
    }

    public Optional<Mapping> get(long id) {
        return query("SELECT id, odoo_category, label, label_index, updated_at FROM google_ads_label_mapping WHERE id = ?", id).stream().findFirst();
    }

    /** Adds a mapping; empty when the category is mapped already. */
    public Optional<Mapping> create(Input in) {
        Optional<Long> id = jdbc.withConnection("could not store the label mapping", c -> {
            try {
                return Optional.of(Jdbc.insert(c, "INSERT INTO google_ads_label_mapping (odoo_category, label, label_index, updated_at)"
                        + " VALUES (?, ?, ?, ?)", "id", in.odooCategory(), in.label(), in.labelIndex(), Timestamp.from(clock.instant())));
            } catch (SQLException e) {
                if (integrityViolation(e)) {
                    return Optional.empty();
                }
                throw e;
            }
        });
        return id.flatMap(this::get);
    }

    /** Replaces a mapping; false when there is none with this id. */
    public boolean update(long id, Input in) {
        return change("UPDATE google_ads_label_mapping SET odoo_category = ?, label = ?, label_index = ?, updated_at = ? WHERE id = ?", id, in);
    }

    public boolean delete(long id) {
        return change("DELETE FROM google_ads_label_mapping WHERE id = ?", id, null);
    }

    private boolean change(String sql, long id, Input in) {
        Object[] args = in == null ? new Object[] {id}
                : new Object[] {in.odooCategory(), in.label(), in.labelIndex(), Timestamp.from(clock.instant()), id};
        return jdbc.withConnection("could not change the label mapping", c -> {
            try {
                return Jdbc.update(c, sql, args) > 0;
            } catch (SQLException e) {
                if (integrityViolation(e)) {
                    throw new IllegalArgumentException("category '" + in.odooCategory() + "' is mapped already");
                }
                throw e;
            }
        });
    }

    private static boolean integrityViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private List<Mapping> query(String sql, Long id) {
        return jdbc.list("could not read the label mappings", sql,
                rs -> new Mapping(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getTimestamp(5).toInstant()),
                id == null ? new Object[0] : new Object[] {id});
    }
}
