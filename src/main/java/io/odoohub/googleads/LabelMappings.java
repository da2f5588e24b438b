package io.odoohub.googleads;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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

    private final DataSource dataSource;
    private final Clock clock;

    public LabelMappings(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
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
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO google_ads_label_mapping (odoo_category, label, label_index, updated_at)"
                     + " VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, in.odooCategory());
            ps.setString(2, in.label());
            ps.setInt(3, in.labelIndex());
            ps.setTimestamp(4, Timestamp.from(clock.instant()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return get(keys.getLong(1));
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return Optional.empty();
            }
            throw new IllegalStateException("could not store the label mapping: " + e.getMessage(), e);
        }
    }

    /** Replaces a mapping; false when there is none with this id. */
    public boolean update(long id, Input in) {
        return change("UPDATE google_ads_label_mapping SET odoo_category = ?, label = ?, label_index = ?, updated_at = ? WHERE id = ?", id, in);
    }

    public boolean delete(long id) {
        return change("DELETE FROM google_ads_label_mapping WHERE id = ?", id, null);
    }

    private boolean change(String sql, long id, Input in) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (in != null) {
                ps.setString(i++, in.odooCategory());
                ps.setString(i++, in.label());
                ps.setInt(i++, in.labelIndex());
                ps.setTimestamp(i++, Timestamp.from(clock.instant()));
            }
            ps.setLong(i, id);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new IllegalArgumentException("category '" + in.odooCategory() + "' is mapped already");
            }
            throw new IllegalStateException("could not change the label mapping: " + e.getMessage(), e);
        }
    }

    private List<Mapping> query(String sql, Long id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
                ps.setLong(1, id);
            }
            List<Mapping> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Mapping(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getTimestamp(5).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the label mappings: " + e.getMessage(), e);
        }
    }
}
