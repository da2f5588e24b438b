package io.odoohub.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** One field definition of a sandbox model: everything the generic ORM needs to store, check and describe it. */
final class Field {

    final String name;
    final String type;
    String string;
    boolean required;
    boolean readonly;
    boolean unique;
    String uniqueMessage;
    String relation;
    /** For one2many: the many2one on the related model that points back. */
    String inverse;
    /** Selection values: key to label, in declaration order. */
    final Map<String, String> selection = new LinkedHashMap<>();
    Supplier<Object> defaultValue;
    /** Computed (not stored) value: (orm, record) -> internal value. */
    BiFunction<Orm, Rec, Object> compute;
    /** Writes a computed field (an inverse): (orm, record, new internal value). */
    Setter inverseWrite;
    boolean manual;
    /** many2one: deleting the target deletes this row (ondelete='cascade'). */
    boolean cascade;
    /** binary: an image field (fields.Image): what is written must decode as an image, as Odoo checks. */
    boolean image;
    /** float: the decimal precision Odoo rounds a written value to (its {@code digits}), or null for none. */
    Integer digits;

    interface Setter {
        void set(Orm orm, Rec rec, Object value);
    }

    Field(String name, String type, String string) {
        this.name = name;
        this.type = type;
        this.string = string;
    }

    static Field of(String name, String type, String string) {
        return new Field(name, type, string);
    }

    /** A float rounded half-up to {@code places} decimals when written, as Odoo's {@code digits} (e.g. 'Discount': 2). */
    Field digits(int places) {
        this.digits = places;
        return this;
    }

    Field required() {
        this.required = true;
        return this;
    }

    Field readonly() {
        this.readonly = true;
        return this;
    }

    Field image() {
        this.image = true;
        return this;
    }

    Field cascade() {
        this.cascade = true;
        return this;
    }

    Field unique() {
        this.unique = true;
        return this;
    }

    /** Unique, with the message of Odoo's SQL constraint. */
    Field unique(String message) {
        this.unique = true;
        this.uniqueMessage = message;
        return this;
    }

    Field rel(String relation) {
        this.relation = relation;
        return this;
    }

    Field inverse(String inverse) {
        this.inverse = inverse;
        return this;
    }

    Field sel(String... keyLabel) {
        for (int i = 0; i + 1 < keyLabel.length; i += 2) {
            selection.put(keyLabel[i], keyLabel[i + 1]);
        }
        return this;
    }

    Field def(Object value) {
        this.defaultValue = () -> value;
        return this;
    }

    Field defFn(Supplier<Object> supplier) {
        this.defaultValue = supplier;
        return this;
    }

    Field compute(BiFunction<Orm, Rec, Object> fn) {
        this.compute = fn;
        this.readonly = true;
        return this;
    }

    Field computeOn(Function<Rec, Object> fn) {
        return compute((orm, rec) -> fn.apply(rec));
    }

    Field inverseWrite(Setter setter) {
        this.inverseWrite = setter;
        this.readonly = false;
        return this;
    }

    boolean stored() {
        return compute == null && !"one2many".equals(type);
    }

    boolean relational() {
        return "many2one".equals(type) || "one2many".equals(type) || "many2many".equals(type);
    }

    boolean x2many() {
        return "one2many".equals(type) || "many2many".equals(type);
    }

    boolean numeric() {
        return "integer".equals(type) || "float".equals(type) || "monetary".equals(type);
    }
}
