package io.odoohub.shopify.flow;

import io.odoohub.store.Jdbc;
import io.odoohub.support.Hashes;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What Shopify has, as far as the hub knows (from webhooks applied and from its own pushes): per variant its
 * product, inventory item, price and available quantity (and Odoo's price when the two were in step); per product the
 * hash of its description (and of Odoo's when in step). The push compares Odoo with this, so it skips values Shopify
 * already has and does not echo what came from Shopify; a variant or product with nothing recorded is not pushed.
 * Also the connector's cursors. Tables of V20.
 */
public final class ShopifyState {

    /**
     * One variant as Shopify has it; null fields are unknown (left as they are when recorded). {@code odooPrice} is
     * Odoo's price when the two were last in step (after the hub wrote the product, or pushed the price): Odoo's
     * template price cannot hold every Shopify variant price, so only a move away from it is Odoo's own change.
     */
    public record Variant(long variantId, long productId, Long inventoryItemId, String price, Integer quantity, String odooPrice) {
    }

    private final Jdbc jdbc;
    private final Clock clock;

    public ShopifyState(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource);
        this.clock = clock;
    }

    public Map<Long, Variant> variants(Collection<Long> variantIds) {
        Map<Long, Variant> out = new HashMap<>();
        List<Long> ids = new ArrayList<>(variantIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> page = ids.subList(from, Math.min(ids.size(), from + 500));
            String sql = "SELECT variant_id, product_id, inventory_item_id, price, quantity, odoo_price FROM shopify_variant_state WHERE variant_id IN ("
                    + "?,".repeat(page.size() - 1) + "?)";
            for (Variant v : jdbc.list("could not read Shopify variant state", sql, rs -> {
                long item = rs.getLong(3);
                Long inventoryItem = rs.wasNull() ? null : item;
                int q = rs.getInt(5);
                Integer quantity = rs.wasNull() ? null : q;
                return new Variant(rs.getLong(1), rs.getLong(2), inventoryItem, rs.getString(4), quantity, rs.getString(6));
            }, page.toArray())) {
                out.put(v.variantId(), v);
            }
        }
        return out;
    }

    /** Records what Shopify has; a null price or quantity keeps the one recorded before. One transaction. */
    public void recordVariants(Collection<Variant> variants) {
        if (variants.isEmpty()) {
            return;
        }
        String update = "UPDATE shopify_variant_state SET product_id = ?, inventory_item_id = COALESCE(?, inventory_item_id),"
                + " price = COALESCE(?, price), quantity = COALESCE(?, quantity), updated_at = ?, odoo_price = COALESCE(?, odoo_price)"
                + " WHERE variant_id = ?";
        String insert = "INSERT INTO shopify_variant_state (product_id, inventory_item_id, price, quantity, updated_at, odoo_price, variant_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)";
        List<Variant> byId = variants.stream().sorted(java.util.Comparator.comparingLong(Variant::variantId)).toList();
        upsert(update, insert, byId, v -> new Object[] {v.productId(), v.inventoryItemId(), v.price(), v.quantity(), Timestamp.from(clock.instant()),
                v.odooPrice(), v.variantId()});
    }

    /** Records Shopify's available quantity of inventory items (inventory_levels/update, or after a push). */
    public void recordQuantities(Map<Long, Integer> quantityByItem) {
        String sql = "UPDATE shopify_variant_state SET quantity = ?, updated_at = ? WHERE inventory_item_id = ?";
        jdbc.inTransaction("could not record Shopify quantities", c -> Jdbc.batch(c, sql, quantityByItem.entrySet(), (ps, e) -> {
            ps.setInt(1, e.getValue());
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setLong(3, e.getKey());
        }));
    }

    /**
     * What is known of a product's description: the hash of what Shopify has, and of Odoo's description when the two
     * were last in step (null: not known).
     */
    public record Description(String shopifyHash, String odooHash) {
    }

    public Map<Long, Description> descriptions(Collection<Long> productIds) {
        Map<Long, Description> out = new HashMap<>();
        List<Long> ids = new ArrayList<>(new java.util.LinkedHashSet<>(productIds));
        for (int from = 0; from < ids.size(); from += 500) {
            List<Long> page = ids.subList(from, Math.min(ids.size(), from + 500));
            String sql = "SELECT product_id, description_hash, odoo_description_hash FROM shopify_product_state WHERE product_id IN ("
                    + "?,".repeat(page.size() - 1) + "?)";
            jdbc.list("could not read Shopify product state", sql, rs -> out.put(rs.getLong(1), new Description(rs.getString(2), rs.getString(3))),
                    page.toArray());
        }
        return out;
    }

    /** Records the descriptions Shopify has (HTML); Odoo's in-step description is left as it was. */
    public void recordDescriptions(Map<Long, String> htmlByProduct) {
        recordDescriptions(htmlByProduct, Map.of());
    }

    /**
     * Records the descriptions Shopify has and, for the products in {@code odooHtmlInStep}, Odoo's description that
     * matches it (written by the hub, or pushed); one transaction.
     */
    public void recordDescriptions(Map<Long, String> htmlByProduct, Map<Long, String> odooHtmlInStep) {
        if (htmlByProduct.isEmpty()) {
            return;
        }
        String update = "UPDATE shopify_product_state SET description_hash = ?, odoo_description_hash = COALESCE(?, odoo_description_hash),"
                + " updated_at = ? WHERE product_id = ?";
        String insert = "INSERT INTO shopify_product_state (description_hash, odoo_description_hash, updated_at, product_id) VALUES (?, ?, ?, ?)";
        upsert(update, insert, new java.util.TreeMap<>(htmlByProduct).entrySet(), e -> new Object[] {hash(e.getValue()),
                odooHtmlInStep.containsKey(e.getKey()) ? hash(odooHtmlInStep.get(e.getKey())) : null, Timestamp.from(clock.instant()), e.getKey()});
    }

    public Optional<String> cursor(String name) {
        return jdbc.one("could not read cursor " + name, "SELECT cursor_value FROM shopify_cursor WHERE name = ?", rs -> rs.getString(1), name);
    }

    public void saveCursor(String name, String value) {
        upsert("UPDATE shopify_cursor SET cursor_value = ?, updated_at = ? WHERE name = ?",
                "INSERT INTO shopify_cursor (cursor_value, updated_at, name) VALUES (?, ?, ?)", List.of(name),
                n -> new Object[] {value, Timestamp.from(clock.instant()), n});
    }

    /**
     * Moves cursor {@code name} from {@code expected} (the value its run started from; null: none) to {@code next},
     * unless it moved meanwhile: a compare-and-set, so that of two nodes that ran from the same value only one moves
     * it. Answers whether it moved (false: another node moved it first, and its value stays).
     */
    public boolean advanceCursor(String name, String expected, String next) {
        Timestamp now = Timestamp.from(clock.instant());
        String what = "could not save cursor " + name;
        if (expected != null) {
            return jdbc.update(what, "UPDATE shopify_cursor SET cursor_value = ?, updated_at = ? WHERE name = ? AND cursor_value = ?", next, now, name,
                    expected) == 1;
        }
        if (jdbc.update(what, "UPDATE shopify_cursor SET cursor_value = ?, updated_at = ? WHERE name = ? AND cursor_value IS NULL", next, now,
                name) == 1) {
            return true;
        }
        return jdbc.insertUnlessTaken(what, "INSERT INTO shopify_cursor (cursor_value, updated_at, name) VALUES (?, ?, ?)", next, now, name);
    }

    /** The hash recorded for a description (null text hashes as empty). */
    public static String hash(String text) {
        return Hashes.sha256Hex(text == null ? "" : text.strip());
    }

    /**
     * Writes each item's row ({@link Jdbc#upsert}: a row another node inserted meanwhile is updated), in one
     * transaction; {@code values} gives an item's parameters, in the same order for {@code update} and {@code insert}.
     * The callers pass the items in the order of their keys, so that two nodes writing the same rows lock them in the
     * same order.
     */
    private <T> void upsert(String update, String insert, Collection<T> items, java.util.function.Function<T, Object[]> values) {
        jdbc.inTransaction("could not record Shopify state", c -> {
            for (T item : items) {
                Object[] args = values.apply(item);
                Jdbc.upsert(c, update, args, insert, args);
            }
            return null;
        });
    }
}
