package io.odoohub.odoo;

import java.util.Objects;

/**
 * Something a connector needs from the Odoo database: a model, or a field of a model, that a module brings. Declared by
 * each connector and checked against what the database has ({@link OdooCapabilities#check}) at start, in the
 * connector's test-connection and in health, so that a missing module is named plainly with what the hub does instead.
 *
 * @param module   the Odoo module that brings it (for the message; modules differ between shops)
 * @param model    the model, e.g. {@code delivery.carrier}
 * @param field    a field of the model, or null when the model alone is needed
 * @param purpose  what the hub uses it for
 * @param fallback what the hub does without it, or null when the connector cannot work without it
 */
public record OdooRequirement(String module, String model, String field, String purpose, String fallback) {

    public OdooRequirement {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(purpose, "purpose");
    }

    /** A model the connector cannot work without. */
    public static OdooRequirement model(String module, String model, String purpose) {
        return new OdooRequirement(module, model, null, purpose, null);
    }

    /** A field the connector cannot work without. */
    public static OdooRequirement field(String module, String model, String field, String purpose) {
        return new OdooRequirement(module, model, field, purpose, null);
    }

    /** A model or field the connector copes without, doing {@code fallback} instead. */
    public OdooRequirement orElse(String fallback) {
        return new OdooRequirement(module, model, field, purpose, fallback);
    }

    public boolean optional() {
        return fallback != null;
    }

    /** {@code model} or {@code model.field}. */
    public String name() {
        return field == null ? model : model + "." + field;
    }
}
