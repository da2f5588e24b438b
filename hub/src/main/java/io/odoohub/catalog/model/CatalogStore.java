package io.odoohub.catalog.model;

import io.odoohub.store.Jdbc;
import io.odoohub.store.Where;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** The local catalog's products in the hub's database. */
public final class CatalogStore {

    /** Filters of a bulk export (the seed's): null fields do not filter. */
    public record Filter(Long supplierId, boolean hasEan, Instant modifiedSince, boolean onlyChangedSinceSync, boolean onlyBound) {
        public static final Filter ALL = new Filter(null, false, null, false, false);
        public static final Filter BOUND = new Filter(null, false, null, false, true);
    }

    private static final String COLUMNS = "id, external_key, title, ean, description, price, weight, brand_name, category, image_url,"
            + " supplier_reference, supplier_id, tax_code, created_at, modified_at, odoo_id, synced_hash, synced_values, synced_at";

    private final DataSource dataSource;
    private final Jdbc jdbc;

    public CatalogStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new Jdbc(dataSource);
    }

    public Optional<CatalogProduct> get(String id) {
        List<CatalogProduct> found = query("SELECT " + COLUMNS + " FROM catalog_product WHERE id = ?", List.of(id));
        return found.stream().findFirst();
    }

    /** Products by their external keys (the file and webhook flows upsert by key). */
    public Map<String, CatalogProduct> byKeys(Collection<String> keys) {
        Map<String, CatalogProduct> out = new LinkedHashMap<>();
        List<String> all = new ArrayList<>(keys);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> part = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
            for (CatalogProduct p : query("SELECT " + COLUMNS + " FROM catalog_product WHERE external_key IN (" + marks + ")", new ArrayList<>(part))) {
                out.put(p.externalKey(), p);
            }
        }
        return out;
    }

    /** Products by their bound Odoo ids. */
    public Map<Integer, CatalogProduct> byOdooIds(Collection<Integer> ids) {
        Map<Integer, CatalogProduct> out = new LinkedHashMap<>();
        List<Integer> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 500) {
            List<Integer> part = all.subList(from, Math.min(all.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
            for (CatalogProduct p : query("SELECT " + COLUMNS + " FROM catalog_product WHERE odoo_id IN (" + marks + ")", new ArrayList<>(part))) {
                out.put(p.odooId(), p);
            }
        }
        return out;
    }

    public List<CatalogProduct> list(Filter f, int offset, int limit) {
        return new Where().eq("supplier_id", f.supplierId()).when(f.hasEan(), "ean IS NOT NULL").since("modified_at", f.modifiedSince())
                .when(f.onlyBound(), "odoo_id IS NOT NULL").when(f.onlyChangedSinceSync(), "synced_at IS NULL OR modified_at > synced_at")
                .list(dataSource, "SELECT " + COLUMNS + " FROM catalog_product", " ORDER BY created_at, id LIMIT ? OFFSET ?",
                        CatalogStore::read, "the catalog", limit, offset);
    }

    /** Ids of the products a filter selects, in a stable order. */
    public List<String> ids(Filter f) {
        List<String> out = new ArrayList<>();
        for (int offset = 0; ; offset += 5000) {
            List<CatalogProduct> page = list(f, offset, 5000);
            page.forEach(p -> out.add(p.id()));
            if (page.size() < 5000) {
                return out;
            }
        }
    }

    public List<CatalogProduct> byIds(List<String> ids) {
        List<CatalogProduct> out = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + 500));
            String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
            out.addAll(query("SELECT " + COLUMNS + " FROM catalog_product WHERE id IN (" + marks + ")", new ArrayList<>(part)));
        }
        return out;
    }

    public long count() {
        return scalar("SELECT COUNT(*) FROM catalog_product");
    }

    public long countBound() {
        return scalar("SELECT COUNT(*) FROM catalog_product WHERE odoo_id IS NOT NULL");
    }

    /** Inserts or replaces products (by id), in one transaction. */
    public void saveAll(List<CatalogProduct> products) {
        if (products.isEmpty()) {
            return;
        }
        jdbc.inTransaction("could not save products", c -> {
            Map<String, Boolean> exists = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM catalog_product WHERE id = ?")) {
                for (CatalogProduct p : products) {
                    ps.setString(1, p.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        exists.put(p.id(), rs.next());
                    }
                }
            }
            try {
                Jdbc.batch(c, "INSERT INTO catalog_product (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        products.stream().filter(p -> !exists.get(p.id())).toList(), (insert, p) -> {
                            insert.setString(1, p.id());
                            bind(insert, p, 2);
                        });
                Jdbc.batch(c, "UPDATE catalog_product SET external_key = ?, title = ?, ean = ?,"
                        + " description = ?, price = ?, weight = ?, brand_name = ?, category = ?, image_url = ?, supplier_reference = ?,"
                        + " supplier_id = ?, tax_code = ?, created_at = ?, modified_at = ?, odoo_id = ?, synced_hash = ?, synced_values = ?,"
                        + " synced_at = ? WHERE id = ?", products.stream().filter(p -> exists.get(p.id())).toList(), (update, p) -> {
                            bind(update, p, 1);
                            update.setString(19, p.id());
                        });
            } catch (SQLException e) {
                if (e.getMessage() != null && e.getMessage().toUpperCase().contains("CATALOG_PRODUCT_KEY")) {
                    throw new IllegalArgumentException("another product already has this supplier_reference/ean key");
                }
                throw e;
            }
            return null;
        });
    }

    /** Records what the last sync wrote or read, for many products in one transaction. */
    public void markSynced(List<CatalogProduct> products) {
        String sql = "UPDATE catalog_product SET odoo_id = ?, synced_hash = ?, synced_values = ?, synced_at = ? WHERE id = ?";
        jdbc.inTransaction("could not record the sync state", c -> Jdbc.batch(c, sql, products, (ps, p) -> {
            ps.setObject(1, p.odooId(), Types.INTEGER);
            ps.setString(2, p.syncedHash());
            ps.setString(3, p.syncedValues());
            ps.setTimestamp(4, p.syncedAt() == null ? null : Timestamp.from(p.syncedAt()));
            ps.setString(5, p.id());
        }));
    }

    public boolean delete(String id) {
        return jdbc.update("could not delete a product", "DELETE FROM catalog_product WHERE id = ?", id) == 1;
    }

    private static void bind(PreparedStatement ps, CatalogProduct p, int first) throws SQLException {
        int i = first;
        ps.setString(i++, p.externalKey());
        ps.setString(i++, p.title());
        ps.setString(i++, p.ean());
        ps.setString(i++, p.description());
        ps.setBigDecimal(i++, p.price());
        ps.setBigDecimal(i++, p.weight());
        ps.setString(i++, p.brandName());
        ps.setString(i++, p.category());
        ps.setString(i++, p.imageUrl());
        ps.setString(i++, p.supplierReference());
        ps.setObject(i++, p.supplierId(), Types.BIGINT);
        ps.setString(i++, p.taxCode());
        ps.setTimestamp(i++, Timestamp.from(p.createdAt()));
        ps.setTimestamp(i++, Timestamp.from(p.modifiedAt()));
        ps.setObject(i++, p.odooId(), Types.INTEGER);
        ps.setString(i++, p.syncedHash());
        ps.setString(i++, p.syncedValues());
        ps.setTimestamp(i, p.syncedAt() == null ? null : Timestamp.from(p.syncedAt()));
    }

    private List<CatalogProduct> query(String sql, List<Object> args) {
        return jdbc.list("could not read the catalog", sql, CatalogStore::read, args.toArray());
    }

    private long scalar(String sql) {
        return jdbc.one("could not count the catalog", sql, rs -> rs.getLong(1)).orElseThrow();
    }

    private static CatalogProduct read(ResultSet rs) throws SQLException {
        Timestamp synced = rs.getTimestamp(19);
        return new CatalogProduct(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                strip(rs.getBigDecimal(6)), strip(rs.getBigDecimal(7)), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                (Long) (rs.getObject(12) == null ? null : rs.getLong(12)), rs.getString(13), rs.getTimestamp(14).toInstant(),
                rs.getTimestamp(15).toInstant(), (Integer) (rs.getObject(16) == null ? null : rs.getInt(16)), rs.getString(17),
                rs.getString(18), synced == null ? null : synced.toInstant());
    }

    /** NUMERIC(18,4) reads back as 12.5000: compare and hash the value, not the scale. */
    private static java.math.BigDecimal strip(java.math.BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().scale() < 0 ? d.setScale(0) : d.stripTrailingZeros();
    }
}
