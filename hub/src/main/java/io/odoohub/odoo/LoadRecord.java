package io.odoohub.odoo;

import java.util.List;

/**
 * One record for Odoo's {@code load}: its first row carries the record's own columns; further rows carry only
 * one2many sub-rows (e.g. {@code order_line/product_id/id}) with the record's columns left empty.
 */
public record LoadRecord(List<List<String>> rows) {

    public LoadRecord {
        if (rows == null || rows.isEmpty()) {
            throw new IllegalArgumentException("a load record needs at least one row");
        }
        rows = List.copyOf(rows);
    }

    public static LoadRecord of(List<String> row) {
        return new LoadRecord(List.of(row));
    }
}
