package io.odoohub.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What some models do beyond storing fields: defaults drawn from other records, sequences, actions, custom models. */
final class ModelBehaviour {

    /** sale.order.line._get_protected_fields() of Odoo 17/18. */
    private static final List<String> LOCKED_LINE_FIELDS =
            List.of("product_id", "name", "price_unit", "product_uom", "product_uom_qty", "tax_id", "analytic_distribution");
    private static final Pattern SELECTION_ITEM = Pattern.compile("\\(\\s*['\"]([^'\"]*)['\"]\\s*,\\s*['\"]([^'\"]*)['\"]\\s*\\)");

    private ModelBehaviour() {
    }

    static void install(Orm orm) {
        Variants.install(orm);
        sales(orm);
        currencyRates(orm);
        crm(orm);
        utm(orm);
        stock(orm);
        activities(orm);
        customModels(orm);
    }

    private static void sales(Orm orm) {
        orm.onPrepare("sale.order", (o, vals) -> {
            Object partner = vals.get("partner_id");
            if (partner != null && !Boolean.FALSE.equals(partner)) {
                vals.putIfAbsent("partner_invoice_id", partner);
                vals.putIfAbsent("partner_shipping_id", partner);
            }
        });
        orm.onCreate("sale.order", (o, so, vals) -> {
            if ("New".equals(so.str("name"))) {
                o.setRaw(so, "name", String.format("S%05d", so.id));
            }
        });
        orm.onUnlink("sale.order", (o, so) -> {
            if (!"draft".equals(so.str("state")) && !"cancel".equals(so.str("state"))) {
                throw OdooError.user("You can not delete a sent quotation or a confirmed sales order. You must first cancel it.");
            }
        });
        // sale's _unlink_except_confirmed (the delivery module lets delivery lines go; sections and notes always can)
        orm.onUnlink("sale.order.line", (o, line) -> {
            Rec order = o.row("sale.order", line.ref("order_id"));
            if (order != null && "sale".equals(order.str("state")) && line.get("display_type") == null && !line.flag("is_delivery")) {
                throw OdooError.user("Once a sales order is confirmed, you can't remove one of its lines (we need to track if something gets"
                        + " invoiced or delivered).\nSet the quantity to 0 instead.");
            }
        });
        orm.onPrepare("sale.order.line", (o, vals) -> {
            Object pid = vals.get("product_id");
            if (pid instanceof Integer id) {
                Rec p = o.row("product.product", id);
                if (p != null) {
                    if (vals.get("name") == null || Boolean.FALSE.equals(vals.get("name"))) {
                        Object desc = o.get(p, "description_sale");
                        vals.put("name", o.displayName(p) + (desc == null ? "" : "\n" + desc));
                    }
                    vals.putIfAbsent("price_unit", o.get(p, "lst_price"));
                    vals.putIfAbsent("product_uom", o.get(p, "uom_id"));
                    vals.putIfAbsent("tax_id", List.of(List.of(6, 0, o.get(p, "taxes_id"))));
                }
            }
        });
        // Odoo 18 sale.order.line.write: the product of a line that is not product_updatable cannot change
        orm.onWrite("sale.order.line", (o, line, vals) -> {
            if (vals.containsKey("product_id") && !java.util.Objects.equals(productId(vals.get("product_id")), line.ref("product_id"))
                    && !Seed.productUpdatable(o, line)) {
                throw OdooError.user("You cannot modify the product of this order line.");
            }
            // then Odoo 17/18's lock: the protected fields (_get_protected_fields) of a line of a locked order, named in
            // the order ir.model.fields lists them (by name), whether or not the value changes
            Rec order = o.row("sale.order", line.ref("order_id"));
            if (order != null && order.flag("locked")) {
                Model lines = o.model("sale.order.line");
                List<String> named = LOCKED_LINE_FIELDS.stream().filter(vals::containsKey).filter(f -> lines.field(f) != null)
                        .sorted().map(f -> lines.field(f).string).toList();
                if (!named.isEmpty()) {
                    throw OdooError.user("It is forbidden to modify the following fields in a locked order:\n" + String.join("\n", named));
                }
            }
        });
        Model so = orm.model("sale.order");
        so.actions.put("action_confirm", (o, m, ids, args, kw) -> {
            for (Integer id : ids) {
                Rec r = existing(o, m, id);
                if (!"draft".equals(r.str("state")) && !"sent".equals(r.str("state"))) {
                    throw OdooError.user("The following orders are not in a state requiring confirmation: " + r.str("name"));
                }
                Model lines = o.model("sale.order.line");
                for (Integer lineId : lines.refsTo("order_id", id)) {
                    Rec line = lines.rows.get(lineId);
                    if (line.get("display_type") == null && line.get("product_id") == null) {
                        throw OdooError.user("A line on these orders missing a product, you cannot confirm it.");
                    }
                }
                o.write(m, List.of(id), Map.of("state", "sale", "date_order", Orm.now()));
            }
            return true;
        });
        // Odoo 18 sale.order.action_cancel: a locked order is refused; any order that is not a draft gets the
        // cancellation wizard (ensure_one: a singleton only) and is left as it is, unless disable_cancel_warning
        so.actions.put("action_cancel", (o, m, ids, args, kw) -> {
            for (Integer id : ids) {
                if (existing(o, m, id).flag("locked")) {
                    throw OdooError.user("You cannot cancel a locked order. Please unlock it first.");
                }
            }
            boolean warn = !Orm.truthy(o.context.get("disable_cancel_warning"))
                    && ids.stream().anyMatch(id -> !"draft".equals(m.rows.get(id).str("state")));
            if (warn) {
                if (ids.size() != 1) {
                    throw OdooError.server("ValueError", "Expected singleton: " + m.name + Py.repr(ids).replace('[', '(').replace(']', ')'));
                }
                Map<String, Object> action = new LinkedHashMap<>();
                action.put("name", "Cancel Sales Order");
                action.put("view_mode", "form");
                action.put("res_model", "sale.order.cancel");
                action.put("type", "ir.actions.act_window");
                action.put("target", "new");
                action.put("context", Map.of("default_order_id", ids.get(0), "mark_so_as_canceled", true));
                return action;
            }
            o.write(m, ids, Map.of("state", "cancel"));
            return true;
        });
        so.actions.put("action_lock", (o, m, ids, args, kw) -> {
            o.write(m, ids, Map.of("locked", true));
            return true;
        });
        so.actions.put("action_unlock", (o, m, ids, args, kw) -> {
            o.write(m, ids, Map.of("locked", false));
            return true;
        });
        so.actions.put("action_draft", (o, m, ids, args, kw) -> {
            o.write(m, ids, Map.of("state", "draft"));
            return true;
        });
        so.actions.put("action_quotation_sent", (o, m, ids, args, kw) -> {
            o.write(m, ids, Map.of("state", "sent"));
            return true;
        });
    }

    private static void currencyRates(Orm orm) {
        orm.model("res.currency.rate").checks.add((o, rate, changed) -> {
            Model rates = rate.model;
            for (Integer other : rates.refsTo("currency_id", rate.ref("currency_id"))) {
                Rec r = rates.rows.get(other);
                if (other != rate.id && java.util.Objects.equals(r.get("name"), rate.get("name"))
                        && java.util.Objects.equals(r.get("company_id"), rate.get("company_id"))) {
                    throw OdooError.validation("The operation cannot be completed: Only one currency rate per day allowed!");
                }
            }
        });
    }

    private static Integer productId(Object v) {
        return v instanceof Number n ? Integer.valueOf(n.intValue()) : null;
    }

    static Rec existing(Orm o, Model m, Integer id) {
        Rec r = m.rows.get(id);
        if (r == null) {
            throw OdooError.missing(m.name, List.of(id));
        }
        return r;
    }

    private static void crm(Orm orm) {
        Model lead = orm.model("crm.lead");
        // crm.lead.write: a move to a won stage sets the probability to 100; closing (100 %, or archived) dates it
        orm.onWriteValues("crm.lead", (o, m, ids, vals) -> {
            Map<String, Object> v = new LinkedHashMap<>(vals);
            if (vals.get("stage_id") instanceof Integer stage) {
                Rec st = o.row("crm.stage", stage);
                boolean moved = ids.stream().anyMatch(id -> !stage.equals(m.rows.get(id).ref("stage_id")));
                if (moved && st != null && st.flag("is_won")) {
                    v.put("probability", 100.0);
                }
            }
            double probability = v.get("probability") instanceof Number n ? n.doubleValue() : 0;
            if (probability >= 100 || Boolean.FALSE.equals(v.get("active"))) {
                v.put("date_closed", Orm.now());
            } else if (probability > 0) {
                v.put("date_closed", false);
            }
            return v;
        });
        // crm.lead.toggle_active: an archived lead is at 0 %, a restored one loses its lost reason; both return None
        lead.actions.put("action_archive", (o, m, ids, args, kw) -> {
            archive(o, m, ids, true);
            return Orm.NONE;
        });
        lead.actions.put("action_unarchive", (o, m, ids, args, kw) -> {
            archive(o, m, ids, false);
            return Orm.NONE;
        });
        // action_set_lost(**values) archives and writes the values; it returns what action_archive returns: None
        lead.actions.put("action_set_lost", (o, m, ids, args, kw) -> {
            archive(o, m, ids, true);
            Map<String, Object> extra = new LinkedHashMap<>(kw);
            extra.remove("context");
            if (!extra.isEmpty()) {
                o.write(m, ids, extra);
            }
            return Orm.NONE;
        });
        // action_set_won restores the lead and moves it to the next won stage after its own (by sequence), at 100 %
        lead.actions.put("action_set_won", (o, m, ids, args, kw) -> {
            archive(o, m, ids, false);
            List<Rec> won = new ArrayList<>();
            for (Rec st : o.model("crm.stage").rows.values()) {
                if (st.flag("is_won")) {
                    won.add(st);
                }
            }
            won.sort(Comparator.comparingDouble((Rec st) -> st.num("sequence")).thenComparingInt(st -> st.id));
            if (won.isEmpty()) {
                throw OdooError.server("IndexError", "tuple index out of range");
            }
            for (Integer id : ids) {
                Rec current = o.row("crm.stage", m.rows.get(id).ref("stage_id"));
                double seq = current == null ? 0 : current.num("sequence");
                Rec target = won.stream().filter(st -> st.num("sequence") > seq).findFirst()
                        .orElseGet(() -> won.stream().filter(st -> st.num("sequence") <= seq).reduce((a, b) -> b).orElse(won.get(0)));
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("stage_id", target.id);
                v.put("probability", 100.0);
                o.write(m, List.of(id), v);
            }
            return true;
        });
        lead.actions.put("convert_opportunity", (o, m, ids, args, kw) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("type", "opportunity");
            Object partner = args.isEmpty() ? kw.get("partner") : args.get(0);
            if (partner instanceof Integer p) {
                v.put("partner_id", p);
            }
            o.write(m, ids, v);
            return true;
        });
    }

    private static final Pattern NAME_COUNTER = Pattern.compile("(.*)\\s+\\[([0-9]+)]");

    /**
     * utm.campaign (utm/models/utm_campaign.py): a create without a title takes the name as title; the name is made
     * unique by utm.mixin._get_unique_names ("Brand", "Brand [2]"), from the name given or else from the title; a write
     * of the title alone computes the name again, each record apart from itself.
     */
    private static void utm(Orm orm) {
        orm.onPrepare("utm.campaign", (o, vals) -> {
            if (!(vals.get("title") instanceof String t && !t.isEmpty()) && vals.get("name") instanceof String n && !n.isEmpty()) {
                vals.put("title", n);
            }
            Object base = vals.get("name") instanceof String n && !n.isEmpty() ? n : vals.get("title");
            if (base instanceof String b && !b.isEmpty()) {
                vals.put("name", uniqueName(o.model("utm.campaign"), b, null));
            }
        });
        orm.onWriteValues("utm.campaign", (o, m, ids, vals) -> {
            if (vals.get("title") instanceof String title && !title.isEmpty() && !vals.containsKey("name")) {
                for (Integer id : ids) {
                    o.write(m, List.of(id), Map.of("name", uniqueName(m, title, id)));
                }
            }
            return vals;
        });
    }

    /** utm.mixin._get_unique_names for one name: the asked counter if free, else the lowest free one (1 = no suffix). */
    static String uniqueName(Model m, String name, Integer skip) {
        Matcher asked = NAME_COUNTER.matcher(name);
        String base = asked.matches() ? asked.group(1) : name;
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (Rec r : m.rows.values()) {
            String existing = r.str("name");
            if (existing == null || r.id == (skip == null ? -1 : skip)) {
                continue;
            }
            if (existing.equals(base)) {
                used.add(1);
            } else if (existing.startsWith(base + " [")) {
                Matcher c = NAME_COUNTER.matcher(existing);
                if (c.matches() && c.group(1).equals(base)) {
                    used.add(Integer.parseInt(c.group(2)));
                }
            }
        }
        if (asked.matches() && !used.contains(Integer.parseInt(asked.group(2)))) {
            return name;
        }
        int count = 1;
        while (used.contains(count)) {
            count++;
        }
        return count > 1 ? base + " [" + count + "]" : base;
    }

    /** crm.lead's toggle_active on the leads not already so: archived at 0 %, restored without a lost reason. */
    private static void archive(Orm o, Model m, List<Integer> ids, boolean archive) {
        List<Integer> change = ids.stream().filter(id -> m.rows.containsKey(id) && !Boolean.FALSE.equals(m.rows.get(id).get("active")) == archive)
                .toList();
        if (change.isEmpty()) {
            return;
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("active", !archive);
        if (archive) {
            v.put("probability", 0.0);
        } else {
            v.put("lost_reason_id", false);
        }
        o.write(m, change, v);
    }

    private static void stock(Orm orm) {
        Model quant = orm.model("stock.quant");
        quant.checks.add((o, q, changed) -> {
            if (changed.contains("inventory_quantity") && !changed.contains("inventory_quantity_set")) {
                o.setRaw(q, "inventory_quantity_set", true);
            }
        });
        // Odoo moves the difference from (or to) its inventory adjustment location, whose quant holds the opposite
        quant.actions.put("action_apply_inventory", (o, m, ids, args, kw) -> {
            Integer adjustment = o.xmlidToId("stock.stock_location_inventory", "stock.location");
            for (Integer id : ids) {
                Rec q = existing(o, m, id);
                double moved = q.num("inventory_quantity") - q.num("quantity");
                if (adjustment != null && moved != 0) {
                    Integer counterpart = m.refsTo("product_id", q.ref("product_id")).stream()
                            .filter(other -> adjustment.equals(m.rows.get(other).ref("location_id"))).findFirst().orElse(null);
                    if (counterpart == null) {
                        o.create(m, Map.of("product_id", q.ref("product_id"), "location_id", adjustment, "quantity", -moved));
                    } else {
                        o.setRaw(m.rows.get(counterpart), "quantity", m.rows.get(counterpart).num("quantity") - moved);
                    }
                }
                o.setRaw(q, "quantity", q.num("inventory_quantity"));
                o.setRaw(q, "inventory_quantity", 0.0);
                o.setRaw(q, "inventory_quantity_set", false);
                o.setRaw(q, "write_date", Orm.now());
            }
            return Orm.NONE;
        });
        quant.actions.put("action_set_inventory_quantity_to_zero", (o, m, ids, args, kw) -> {
            for (Integer id : ids) {
                Rec q = existing(o, m, id);
                o.setRaw(q, "inventory_quantity", 0.0);
                o.setRaw(q, "inventory_quantity_set", false);
            }
            return Orm.NONE;
        });
    }

    private static void activities(Orm orm) {
        orm.onPrepare("mail.activity", (o, vals) -> {
            Object resModel = vals.get("res_model");
            Object resModelId = vals.get("res_model_id");
            Model irModel = o.model("ir.model");
            if (resModel instanceof String s && (resModelId == null || Boolean.FALSE.equals(resModelId))) {
                Integer id = irModel.keyIndex.get("model").get(s);
                if (id != null) {
                    vals.put("res_model_id", id);
                }
            } else if (resModelId instanceof Integer id && resModel == null) {
                Rec r = irModel.rows.get(id);
                if (r != null) {
                    vals.put("res_model", r.str("model"));
                }
            }
        });
        Model activity = orm.model("mail.activity");
        Orm.Action done = (o, m, ids, args, kw) -> {
            List<Integer> messages = new ArrayList<>();
            for (Integer id : ids) {
                Rec a = existing(o, m, id);
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("model", a.str("res_model"));
                v.put("res_id", a.get("res_id"));
                Object feedback = kw.getOrDefault("feedback", args.isEmpty() ? null : args.get(0));
                v.put("body", "<p>" + o.displayName(a) + " done" + (feedback instanceof String f ? ": " + f : "") + "</p>");
                v.put("message_type", "notification");
                messages.add(o.create(o.model("mail.message"), v));
            }
            o.unlink(m, ids);
            return messages.isEmpty() ? Boolean.FALSE : messages.get(0);
        };
        activity.actions.put("action_feedback", done);
        activity.actions.put("action_done", (o, m, ids, args, kw) -> {
            done.call(o, m, ids, List.of(), Map.of());
            return true;
        });
    }

    private static void customModels(Orm orm) {
        orm.onCreate("ir.model", (o, r, vals) -> {
            if (!"manual".equals(r.str("state"))) {
                return;
            }
            String name = r.str("model");
            if (!name.startsWith("x_")) {
                throw OdooError.validation("The model name must start with 'x_'.");
            }
            if (!name.matches("[a-z0-9_.]+")) {
                throw OdooError.validation("The model name can only contain lowercase characters, digits, underscores and dots.");
            }
            if (o.models.containsKey(name)) {
                throw OdooError.validation("The operation cannot be completed: The model name must be unique!");
            }
            Model m = Seed.newModel(o, name, r.str("name"));
            m.manual = true;
            m.recName = "x_name";
            o.registerModel(m);
            Seed.describe(o, m, "manual");
        });
        orm.onUnlink("ir.model", (o, r) -> {
            if ("manual".equals(r.str("state"))) {
                Model m = o.models.get(r.str("model"));
                if (m != null) {
                    o.unregisterModel(m);
                }
            } else {
                throw OdooError.user("Model '" + r.str("name") + "' contains module data and cannot be removed.");
            }
        });
        orm.onPrepare("ir.model.fields", (o, vals) -> {
            Object modelId = vals.get("model_id");
            Object model = vals.get("model");
            Model irModel = o.model("ir.model");
            if (modelId instanceof Integer id && (model == null || Boolean.FALSE.equals(model))) {
                Rec m = irModel.rows.get(id);
                if (m != null) {
                    vals.put("model", m.str("model"));
                }
            } else if (model instanceof String s && (modelId == null || Boolean.FALSE.equals(modelId))) {
                Integer id = irModel.keyIndex.get("model").get(s);
                if (id != null) {
                    vals.put("model_id", id);
                }
            }
            vals.putIfAbsent("field_description", vals.get("name"));
        });
        orm.onCreate("ir.model.fields", (o, r, vals) -> {
            if (!"manual".equals(r.str("state"))) {
                return;
            }
            String name = r.str("name");
            if (!name.startsWith("x_")) {
                throw OdooError.validation("The operation cannot be completed: Custom fields must have a name that starts with 'x_'!");
            }
            Model target = o.model(r.str("model"));
            if (target.fields.containsKey(name)) {
                throw OdooError.validation("The operation cannot be completed: Field names must be unique per model.");
            }
            String ttype = r.str("ttype");
            Field f = Field.of(name, ttype, r.str("field_description"));
            f.manual = true;
            f.required = r.flag("required");
            f.readonly = r.flag("readonly");
            if (ttype.equals("many2one") || ttype.equals("one2many") || ttype.equals("many2many")) {
                String rel = r.str("relation");
                if (rel == null || !o.models.containsKey(rel)) {
                    throw OdooError.user("Model " + rel + " does not exist!");
                }
                f.relation = rel;
                f.inverse = r.str("relation_field");
                if (ttype.equals("one2many") && (f.inverse == null || o.fieldOf(o.model(rel), f.inverse) == null)) {
                    throw OdooError.user("Many2one " + f.inverse + " on model " + rel + " does not exist!");
                }
            }
            if (ttype.equals("selection")) {
                String spec = r.str("selection");
                if (spec != null) {
                    Matcher mt = SELECTION_ITEM.matcher(spec);
                    while (mt.find()) {
                        f.selection.put(mt.group(1), mt.group(2));
                    }
                }
                Model options = o.model("ir.model.fields.selection");
                List<Rec> rows = new ArrayList<>();
                for (Integer id : options.refsTo("field_id", r.id)) {
                    rows.add(options.rows.get(id));
                }
                rows.sort(java.util.Comparator.comparingInt((Rec x) -> ((Number) o.get(x, "sequence")).intValue()).thenComparingInt(x -> x.id));
                for (Rec option : rows) {
                    f.selection.put(option.str("value"), option.str("name"));
                }
            }
            if (f.required && !target.rows.isEmpty() && !f.type.equals("boolean")) {
                throw OdooError.user("Cannot add a required field on a model with existing records: " + target.name + "." + name);
            }
            o.registerField(target, f);
        });
        orm.onCreate("ir.model.fields.selection", (o, option, vals) -> {
            // a value added to an existing custom selection field is usable at once
            Rec fieldRow = o.row("ir.model.fields", option.ref("field_id"));
            Model target = fieldRow == null ? null : o.models.get(fieldRow.str("model"));
            Field f = target == null ? null : target.fields.get(fieldRow.str("name"));
            if (f != null && f.manual && "selection".equals(f.type)) {
                f.selection.put(option.str("value"), option.str("name"));
            }
        });
        orm.onUnlink("ir.model.fields", (o, r) -> {
            Model target = o.models.get(r.str("model"));
            if (target != null && !"manual".equals(r.str("state"))) {
                throw OdooError.user("This column contains module data and cannot be removed!");
            }
            if (target != null) {
                o.dropField(target, r.str("name"));
            }
        });
    }
}
