package io.odoohub.odoo;

import io.odoohub.odoo.fault.OdooException;

/**
 * One input record that Odoo refused, found by splitting a rejected batch.
 *
 * @param index   the record's position in the input
 * @param message Odoo's reason
 * @param field   the technical field Odoo named, when it named one
 * @param cause   the fault when the reason came as one (create), else null (load messages)
 */
public record RowFailure(int index, String message, String field, OdooException cause) {
}
