package io.odoohub.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The models the connectors use, as field definitions with their behaviour; the base records a fresh Odoo 18 database
 * has are data, in seed.json (SeedData).
 */
final class Seed {

    private final Orm orm;

    private Seed(Orm orm) {
        this.orm = orm;
    }

    static void install(Orm orm) {
        install(orm, true);
    }

    /** @param delivery whether the delivery module is installed (its model and the fields it adds to sales orders) */
    static void install(Orm orm, boolean delivery) {
        Seed s = new Seed(orm);
        s.base();
        s.product();
        s.sale();
        s.crm();
        s.mail();
        s.stock();
        SeedShopify.models(orm, delivery);
        s.meta();
        SeedGoogleAds.install(orm);
        ModelBehaviour.install(orm);
        orm.transaction(Map.of(), () -> {
            SeedData.load(orm, delivery);
            s.metaRows();
            return null;
        });
    }

    // ------------------------------------------------------------------ helpers

    static Field ch(String n, String label) {
        return Field.of(n, "char", label);
    }

    static Field m2o(String n, String label, String rel) {
        return Field.of(n, "many2one", label).rel(rel);
    }

    static Field o2m(String n, String label, String rel, String inverse) {
        return Field.of(n, "one2many", label).rel(rel).inverse(inverse);
    }

    static Field m2m(String n, String label, String rel) {
        return Field.of(n, "many2many", label).rel(rel);
    }

    static Field fl(String n, String label) {
        return Field.of(n, "float", label);
    }

    static Field money(String n, String label) {
        return Field.of(n, "monetary", label);
    }

    static Field bool(String n, String label) {
        return Field.of(n, "boolean", label);
    }

    static Field integer(String n, String label) {
        return Field.of(n, "integer", label);
    }

    static Field sel(String n, String label, String... keyLabel) {
        return Field.of(n, "selection", label).sel(keyLabel);
    }

    /** As in Odoo: a selection of the installed languages (the bundle and the sandbox have English only). */
    static Field langField() {
        return sel("lang", "Language", "en_US", "English (US)").def("en_US");
    }

    /** As in Odoo: a selection of the time zones (Odoo lists pytz's; the sandbox the JDK's, which are the same names). */
    static Field tzField() {
        String[] zones = java.time.ZoneId.getAvailableZoneIds().stream().sorted()
                .flatMap(z -> java.util.stream.Stream.of(z, z)).toArray(String[]::new);
        return sel("tz", "Timezone", zones);
    }

    static Field active() {
        return bool("active", "Active").def(true);
    }

    /** Defines a model with the fields every Odoo model has. */
    static Model newModel(Orm orm, String name, String description) {
        Model m = new Model(name, description);
        m.field(integer("id", "ID").computeOn(r -> r.id));
        m.field(ch("display_name", "Display Name").compute((o, r) -> o.displayName(r)));
        m.field(Field.of("create_date", "datetime", "Created on").readonly());
        m.field(m2o("create_uid", "Created by", "res.users").readonly());
        m.field(Field.of("write_date", "datetime", "Last Updated on").readonly());
        m.field(m2o("write_uid", "Last Updated by", "res.users").readonly());
        return m;
    }

    private Model model(String name, String description, Field... fields) {
        Model m = newModel(orm, name, description);
        for (Field f : fields) {
            m.field(f);
        }
        orm.define(m);
        return m;
    }

    private Integer companyCurrency() {
        Rec company = orm.row("res.company", 1);
        return company == null ? null : company.ref("currency_id");
    }

    // ------------------------------------------------------------------ models

    private void base() {
        Model partner = model("res.partner", "Contact",
                ch("name", "Name"),
                ch("complete_name", "Complete Name").compute((o, r) -> o.displayName(r)),
                m2o("parent_id", "Related Company", "res.partner"),
                o2m("child_ids", "Contact", "res.partner", "parent_id"),
                sel("type", "Address Type", "contact", "Contact", "invoice", "Invoice Address", "delivery", "Delivery Address",
                        "other", "Other Address").def("contact"),
                bool("is_company", "Is a Company").def(false),
                sel("company_type", "Company Type", "person", "Individual", "company", "Company")
                        .compute((o, r) -> r.flag("is_company") ? "company" : "person")
                        .inverseWrite((o, r, v) -> o.setRaw(r, "is_company", "company".equals(v))),
                ch("country_code", "Country Code").compute((o, r) -> {
                    Rec c = o.row("res.country", r.ref("country_id"));
                    return c == null ? null : c.str("code");
                }),
                m2o("property_payment_term_id", "Customer Payment Terms", "account.payment.term"),
                ch("company_name", "Company Name"),
                m2m("category_id", "Tags", "res.partner.category"),
                m2o("country_id", "Country", "res.country"),
                m2o("state_id", "State", "res.country.state"),
                ch("email", "Email"), ch("phone", "Phone"), ch("mobile", "Mobile"),
                ch("street", "Street"), ch("street2", "Street2"), ch("city", "City"), ch("zip", "Zip"),
                ch("vat", "Tax ID"), ch("ref", "Reference"), ch("website", "Website Link"), ch("function", "Job Position"),
                langField(), tzField(),
                Field.of("comment", "html", "Notes"),
                active(),
                m2o("user_id", "Salesperson", "res.users"),
                m2o("company_id", "Company", "res.company"),
                m2o("commercial_partner_id", "Commercial Entity", "res.partner").compute((o, r) -> {
                    Rec cur = r;
                    for (int i = 0; i < 50 && cur.ref("parent_id") != null && !cur.flag("is_company"); i++) {
                        Rec p = o.row("res.partner", cur.ref("parent_id"));
                        if (p == null) {
                            break;
                        }
                        cur = p;
                    }
                    return cur.id;
                }),
                Field.of("image_1920", "binary", "Image").image(),
                Field.of("image_128", "binary", "Image 128").compute((o, r) -> r.get("image_1920")),
                integer("color", "Color Index"),
                fl("partner_latitude", "Geo Latitude"), fl("partner_longitude", "Geo Longitude"),
                fl("credit_limit", "Credit Limit"),
                m2o("property_product_pricelist", "Pricelist", "product.pricelist"),
                o2m("bank_ids", "Banks", "res.partner.bank", "partner_id"),
                m2o("title", "Title", "res.partner.title"),
                integer("customer_rank", "Customer Rank"), integer("supplier_rank", "Supplier Rank"));
        partner.order("complete_name asc, id desc");
        partner.recursionMessage = "You cannot create recursive Partner hierarchies.";
        partner.displayName = r -> {
            String name = r.str("name");
            Rec parent = orm.row("res.partner", r.ref("parent_id"));
            if (name == null && !"contact".equals(r.str("type"))) {
                name = partner.fields.get("type").selection.get(r.str("type"));
            }
            if (parent != null && !r.flag("is_company")) {
                String pn = orm.displayName(parent);
                return name == null ? pn : pn + ", " + name;
            }
            return name == null ? "" : name;
        };
        partner.checks.add((o, r, changed) -> {
            if ("contact".equals(r.str("type")) && r.get("name") == null && r.ref("parent_id") == null) {
                throw OdooError.validation("The operation cannot be completed: Contacts require a name");
            }
        });

        model("res.partner.category", "Partner Tags", ch("name", "Name").required(), integer("color", "Color"),
                m2o("parent_id", "Parent Category", "res.partner.category"), active());
        model("res.partner.title", "Partner Title", ch("name", "Title").required(), ch("shortcut", "Abbreviation"));
        model("res.partner.bank", "Bank Accounts", ch("acc_number", "Account Number").required(),
                m2o("partner_id", "Account Holder", "res.partner").required().cascade(), ch("bank_name", "Bank Name"), active())
                .recName = "acc_number";
        model("res.country", "Country", ch("name", "Country Name").required(), ch("code", "Country Code").unique("The code of the country must be unique!"),
                m2o("currency_id", "Currency", "res.currency"), integer("phone_code", "Country Calling Code"),
                o2m("state_ids", "States", "res.country.state", "country_id")).order("name");
        Model state = model("res.country.state", "Country state", ch("name", "State Name").required(), ch("code", "State Code").required(),
                m2o("country_id", "Country", "res.country").required());
        state.displayName = r -> {
            Rec c = orm.row("res.country", r.ref("country_id"));
            return r.str("name") + (c == null ? "" : " (" + c.str("code") + ")");
        };
        model("res.currency", "Currency", ch("name", "Currency").required().unique("The currency code must be unique!"), ch("symbol", "Symbol"),
                ch("full_name", "Name"), fl("rate", "Current Rate").compute((o, r) -> currentRate(o, r.id)),
                o2m("rate_ids", "Rates", "res.currency.rate", "currency_id"), fl("rounding", "Rounding Factor").def(0.01),
                sel("position", "Symbol Position", "after", "After Amount", "before", "Before Amount").def("after"), active())
                .order("active desc, name");
        model("res.currency.rate", "Currency Rate", Field.of("name", "date", "Date").required().defFn(Orm::today),
                fl("rate", "Technical Rate").def(1.0), m2o("currency_id", "Currency", "res.currency").required().cascade(),
                m2o("company_id", "Company", "res.company").defFn(() -> 1)).order("name desc");
        model("res.company", "Companies", ch("name", "Company Name").required(), m2o("partner_id", "Partner", "res.partner"),
                m2o("currency_id", "Currency", "res.currency"), m2o("country_id", "Country", "res.country"));
        Model users = model("res.users", "User", ch("login", "Login").required().unique("You can not have two users with the same login!"),
                m2o("partner_id", "Related Partner", "res.partner").required().cascade(), active(),
                m2o("company_id", "Company", "res.company").defFn(() -> 1), bool("share", "Share User"));
        users.inheritsModel = "res.partner";
        users.inheritsField = "partner_id";
        users.order("name, login");
        model("uom.uom", "Product Unit of Measure", ch("name", "Unit of Measure").required(), fl("factor", "Ratio").def(1.0),
                fl("rounding", "Rounding Precision").def(0.01),
                sel("uom_type", "Type", "bigger", "Bigger than the reference Unit of Measure", "reference",
                        "Reference Unit of Measure for this category", "smaller", "Smaller than the reference Unit of Measure").def("reference"),
                active());
        model("account.payment.term", "Payment Terms", ch("name", "Payment Terms").required(), Field.of("note", "html", "Description"),
                active(), integer("sequence", "Sequence").def(10)).order("sequence, id");
        model("product.pricelist", "Pricelist", ch("name", "Pricelist Name").required(),
                m2o("currency_id", "Currency", "res.currency").defFn(this::companyCurrency), active());
    }

    static double currentRate(Orm o, int currencyId) {
        Model rates = o.model("res.currency.rate");
        String best = null;
        double rate = 1.0;
        for (Integer id : rates.refsTo("currency_id", currencyId)) {
            Rec r = rates.rows.get(id);
            String d = r.str("name");
            if (best == null || d.compareTo(best) > 0) {
                best = d;
                rate = r.num("rate");
            }
        }
        return rate;
    }

    private void product() {
        Model categ = model("product.category", "Product Category", ch("name", "Name").required(),
                m2o("parent_id", "Parent Category", "product.category").cascade(),
                ch("complete_name", "Complete Name").compute((o, r) -> o.displayName(r)),
                o2m("child_id", "Child Categories", "product.category", "parent_id"));
        categ.order("complete_name");
        categ.recursionMessage = "You cannot create recursive categories.";
        categ.displayName = r -> {
            StringBuilder sb = new StringBuilder(r.str("name") == null ? "" : r.str("name"));
            Rec cur = orm.row("product.category", r.ref("parent_id"));
            for (int i = 0; cur != null && i < 50; i++) {
                sb.insert(0, cur.str("name") + " / ");
                cur = orm.row("product.category", cur.ref("parent_id"));
            }
            return sb.toString();
        };
        Model tmpl = model("product.template", "Product",
                ch("name", "Name").required(), integer("sequence", "Sequence").def(1),
                Field.of("description", "html", "Description"), Field.of("description_sale", "text", "Sales Description"),
                sel("type", "Product Type", "consu", "Goods", "service", "Service", "combo", "Combo").def("consu").required(),
                bool("is_storable", "Track Inventory"),
                fl("list_price", "Sales Price").def(1.0), fl("standard_price", "Cost"),
                m2o("categ_id", "Product Category", "product.category").required().defFn(() -> 1),
                ch("default_code", "Internal Reference").compute((o, r) -> singleVariantValue(o, r, "default_code"))
                        .inverseWrite((o, r, v) -> writeSingleVariant(o, r, "default_code", v)),
                ch("barcode", "Barcode").compute((o, r) -> singleVariantValue(o, r, "barcode"))
                        .inverseWrite((o, r, v) -> writeSingleVariant(o, r, "barcode", v)),
                m2m("taxes_id", "Sales Taxes", "account.tax").defFn(() -> defaultSaleTaxes(orm)),
                m2o("uom_id", "Unit of Measure", "uom.uom").required().defFn(() -> orm.xmlidToId("uom.product_uom_unit", "uom.uom")),
                m2o("uom_po_id", "Purchase Unit", "uom.uom").required().defFn(() -> orm.xmlidToId("uom.product_uom_unit", "uom.uom")),
                fl("weight", "Weight"), fl("volume", "Volume"),
                Field.of("image_1920", "binary", "Image").image(),
                Field.of("image_128", "binary", "Image 128").compute((o, r) -> r.get("image_1920")),
                o2m("attribute_line_ids", "Product Attributes", "product.template.attribute.line", "product_tmpl_id"),
                o2m("product_variant_ids", "Products", "product.product", "product_tmpl_id"),
                m2o("product_variant_id", "Product", "product.product").compute((o, r) -> {
                    List<?> ids = (List<?>) o.get(r, "product_variant_ids");
                    return ids.isEmpty() ? null : ids.get(0);
                }),
                integer("product_variant_count", "# Product Variants").compute((o, r) -> ((List<?>) o.get(r, "product_variant_ids")).size()),
                bool("sale_ok", "Can be Sold").def(true), bool("purchase_ok", "Can be Purchased").def(true), active(),
                m2o("currency_id", "Currency", "res.currency").compute((o, r) -> companyCurrency()),
                m2o("company_id", "Company", "res.company"));
        tmpl.order("sequence, name, id");
        Model product = model("product.product", "Product Variant",
                m2o("product_tmpl_id", "Product Template", "product.template").required().cascade(),
                ch("default_code", "Internal Reference"), ch("barcode", "Barcode").unique(), active(),
                // Odoo: price_extra = sum of the variant's ptav price_extra; lst_price = list_price + price_extra (rounded to
                // the price's digits); writing lst_price sets list_price = value - price_extra
                fl("price_extra", "Variant Price Extra").compute(Seed::variantPriceExtra),
                fl("lst_price", "Sales Price").compute((o, r) -> round2(num(o.get(r, "list_price")) + variantPriceExtra(o, r)))
                        .inverseWrite((o, r, v) -> o.write(o.model("product.template"), List.of(r.ref("product_tmpl_id")),
                                Map.of("list_price", round2(num(v) - variantPriceExtra(o, r))))),
                m2m("product_template_attribute_value_ids", "Attribute Values", "product.template.attribute.value"));
        product.inheritsModel = "product.template";
        product.inheritsField = "product_tmpl_id";
        product.order("default_code, name, id");
        model("product.attribute", "Product Attribute", ch("name", "Attribute").required(), integer("sequence", "Sequence").def(20),
                sel("create_variant", "Variant Creation", "always", "Instantly", "dynamic", "Dynamically", "no_variant", "Never (option)").def("always"),
                sel("display_type", "Display Type", "radio", "Radio", "pills", "Pills", "select", "Select", "color", "Color", "multi", "Multi-checkbox")
                        .def("radio"),
                o2m("value_ids", "Values", "product.attribute.value", "attribute_id"), active());
        Model value = model("product.attribute.value", "Attribute Value", ch("name", "Value").required(), integer("sequence", "Sequence"),
                m2o("attribute_id", "Attribute", "product.attribute").required().cascade(), ch("html_color", "Color"),
                fl("default_extra_price", "Default Extra Price"), active());
        value.displayName = r -> {
            Rec a = orm.row("product.attribute", r.ref("attribute_id"));
            return (a == null ? "" : a.str("name") + ": ") + r.str("name");
        };
        Model line = model("product.template.attribute.line", "Product Template Attribute Line",
                m2o("product_tmpl_id", "Product Template", "product.template").required().cascade(),
                m2o("attribute_id", "Attribute", "product.attribute").required(),
                m2m("value_ids", "Values", "product.attribute.value"), active(), integer("sequence", "Sequence").def(10));
        line.displayName = r -> {
            Rec a = orm.row("product.attribute", r.ref("attribute_id"));
            return a == null ? "" : a.str("name");
        };
        Model ptav = model("product.template.attribute.value", "Product Template Attribute Value",
                m2o("product_attribute_value_id", "Attribute Value", "product.attribute.value").required().cascade(),
                m2o("attribute_line_id", "Attribute Line", "product.template.attribute.line").cascade(),
                m2o("product_tmpl_id", "Product Template", "product.template").cascade(),
                fl("price_extra", "Value Price Extra"), bool("ptav_active", "Active").def(true),
                ch("name", "Value").compute((o, r) -> {
                    Rec attrValue = o.row("product.attribute.value", r.ref("product_attribute_value_id"));
                    return attrValue == null ? null : attrValue.str("name");
                }));
        ptav.displayName = r -> orm.displayName(orm.row("product.attribute.value", r.ref("product_attribute_value_id")));
        model("account.tax", "Tax", ch("name", "Tax Name").required(), fl("amount", "Amount"),
                sel("amount_type", "Tax Computation", "group", "Group of Taxes", "fixed", "Fixed", "percent", "Percentage", "division",
                        "Percentage Tax Included").def("percent"),
                sel("type_tax_use", "Tax Type", "sale", "Sales", "purchase", "Purchases", "none", "None").def("sale"),
                bool("price_include", "Included in Price"), active(), m2o("company_id", "Company", "res.company").defFn(() -> 1),
                integer("sequence", "Sequence").def(1)).order("sequence, id");
    }

    /** Odoo's product.product._compute_product_price_extra: the sum of its attribute values' price_extra. */
    static double variantPriceExtra(Orm o, Rec variant) {
        double sum = 0;
        Object ptavs = variant.get("product_template_attribute_value_ids");
        if (ptavs instanceof List<?> ids) {
            for (Object id : ids) {
                Rec ptav = o.row("product.template.attribute.value", (Integer) id);
                sum += ptav == null ? 0 : ptav.num("price_extra");
            }
        }
        return round2(sum);
    }

    private static double num(Object v) {
        return v instanceof Number n ? n.doubleValue() : 0.0;
    }

    static Object singleVariantValue(Orm o, Rec tmpl, String field) {
        List<?> ids = (List<?>) o.get(tmpl, "product_variant_ids");
        if (ids.size() != 1) {
            return null;
        }
        return o.row("product.product", (Integer) ids.get(0)).get(field);
    }

    static void writeSingleVariant(Orm o, Rec tmpl, String field, Object value) {
        List<?> ids = (List<?>) o.get(tmpl, "product_variant_ids");
        if (ids.size() == 1) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put(field, value);
            o.write(o.model("product.product"), List.of((Integer) ids.get(0)), v);
        }
    }

    static List<Object> defaultSaleTaxes(Orm o) {
        Integer id = o.xmlidToId("account.1_sale_tax_template", "account.tax");
        return id == null ? List.of() : List.of(List.of(6, 0, List.of(id)));
    }

    private void sale() {
        Model so = model("sale.order", "Sales Order",
                ch("name", "Order Reference").required().def("New"),
                sel("state", "Status", "draft", "Quotation", "sent", "Quotation Sent", "sale", "Sales Order", "cancel", "Cancelled").def("draft"),
                bool("locked", "Locked").def(false),
                m2o("partner_id", "Customer", "res.partner").required(),
                m2o("partner_invoice_id", "Invoice Address", "res.partner").required(),
                m2o("partner_shipping_id", "Delivery Address", "res.partner").required(),
                o2m("order_line", "Order Lines", "sale.order.line", "order_id"),
                m2m("tag_ids", "Tags", "crm.tag"),
                Field.of("date_order", "datetime", "Order Date").required().defFn(Orm::now),
                Field.of("validity_date", "date", "Expiration"),
                Field.of("commitment_date", "datetime", "Delivery Date"),
                ch("client_order_ref", "Customer Reference"), ch("origin", "Source Document"),
                Field.of("note", "html", "Terms and conditions"),
                m2o("pricelist_id", "Pricelist", "product.pricelist"),
                m2o("payment_term_id", "Payment Terms", "account.payment.term"),
                m2o("warehouse_id", "Warehouse", "stock.warehouse").defFn(() -> orm.xmlidToId("stock.warehouse0", "stock.warehouse")),
                m2o("currency_id", "Currency", "res.currency").defFn(this::companyCurrency),
                fl("currency_rate", "Currency Rate").def(1.0),
                m2o("user_id", "Salesperson", "res.users").defFn(() -> 2),
                m2o("team_id", "Sales Team", "crm.team"),
                m2o("company_id", "Company", "res.company").required().defFn(() -> 1),
                money("amount_untaxed", "Untaxed Amount").compute((o, r) -> orderSum(o, r, "price_subtotal")),
                money("amount_tax", "Taxes").compute((o, r) -> orderSum(o, r, "price_tax")),
                money("amount_total", "Total").compute((o, r) -> orderSum(o, r, "price_total")),
                bool("require_signature", "Online signature").def(true), bool("require_payment", "Online payment").def(false),
                m2o("campaign_id", "Campaign", "utm.campaign"), m2o("source_id", "Source", "utm.source"),
                m2o("medium_id", "Medium", "utm.medium"));
        so.order("date_order desc, id desc");
        model("sale.order.line", "Sales Order Line",
                m2o("order_id", "Order Reference", "sale.order").required().cascade(),
                integer("sequence", "Sequence").def(10),
                m2o("product_id", "Product", "product.product"),
                Field.of("name", "text", "Description").required(),
                fl("product_uom_qty", "Quantity").def(1.0),
                m2o("product_uom", "Unit of Measure", "uom.uom"),
                fl("price_unit", "Unit Price"), fl("discount", "Discount (%)").digits(2),
                m2m("tax_id", "Taxes", "account.tax"),
                money("price_subtotal", "Subtotal").compute((o, r) -> lineSubtotal(r)),
                fl("price_tax", "Total Tax").compute((o, r) -> lineTax(o, r)),
                money("price_total", "Total").compute((o, r) -> round2(lineSubtotal(r) + lineTax(o, r))),
                m2o("currency_id", "Currency", "res.currency").compute((o, r) -> {
                    Rec order = o.row("sale.order", r.ref("order_id"));
                    return order == null ? null : order.ref("currency_id");
                }),
                sel("state", "Order Status", "draft", "Quotation", "sent", "Quotation Sent", "sale", "Sales Order", "cancel", "Cancelled")
                        .compute((o, r) -> {
                            Rec order = o.row("sale.order", r.ref("order_id"));
                            return order == null ? null : order.str("state");
                        }),
                sel("display_type", "Display Type", "line_section", "Section", "line_note", "Note"),
                fl("qty_delivered", "Delivery Quantity"), fl("qty_invoiced", "Invoiced Quantity").readonly(),
                bool("product_updatable", "Can Edit Product").compute(Seed::productUpdatable))
                .order("order_id, sequence, id");
    }

    /**
     * Odoo 17/18 sale.order.line._compute_product_updatable: not on a cancelled order, nor on a confirmed one that is
     * locked or has deliveries or invoices.
     */
    static boolean productUpdatable(Orm o, Rec line) {
        Rec order = o.row("sale.order", line.ref("order_id"));
        String state = order == null ? null : order.str("state");
        if ("cancel".equals(state)) {
            return false;
        }
        return !("sale".equals(state) && (order.flag("locked") || line.num("qty_invoiced") > 0 || line.num("qty_delivered") > 0));
    }

    static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }

    static double lineSubtotal(Rec r) {
        return round2(r.num("product_uom_qty") * r.num("price_unit") * (1 - r.num("discount") / 100.0));
    }

    static double lineTax(Orm o, Rec r) {
        double pct = 0;
        Object taxes = r.get("tax_id");
        if (taxes instanceof List<?> ids) {
            for (Object id : ids) {
                Rec t = o.row("account.tax", (Integer) id);
                if (t != null && "percent".equals(t.str("amount_type")) && !t.flag("price_include")) {
                    pct += t.num("amount");
                }
            }
        }
        return round2(lineSubtotal(r) * pct / 100.0);
    }

    static double orderSum(Orm o, Rec order, String field) {
        double sum = 0;
        Model lines = o.model("sale.order.line");
        for (Integer id : lines.refsTo("order_id", order.id)) {
            Object v = o.get(lines.rows.get(id), field);
            sum += v instanceof Number n ? n.doubleValue() : 0;
        }
        return round2(sum);
    }

    private void crm() {
        model("crm.stage", "CRM Stages", ch("name", "Stage Name").required(), integer("sequence", "Sequence").def(1),
                bool("is_won", "Is Won Stage?"), bool("fold", "Folded in Pipeline"), m2o("team_id", "Sales Team", "crm.team"))
                .order("sequence, name, id");
        model("crm.team", "Sales Team", ch("name", "Sales Team").required(), m2o("user_id", "Team Leader", "res.users"), active(),
                integer("sequence", "Sequence").def(10), m2o("company_id", "Company", "res.company")).order("sequence ASC, create_date DESC, id DESC");
        model("crm.tag", "CRM Tag", ch("name", "Tag Name").required().unique("Tag name already exists!"), integer("color", "Color"));
        model("crm.lost.reason", "Opp. Lost Reason", ch("name", "Description").required(), active());
        Model lead = model("crm.lead", "Lead/Opportunity",
                ch("name", "Opportunity").required(),
                sel("type", "Type", "lead", "Lead", "opportunity", "Opportunity").def("opportunity").required(),
                ch("email_from", "Email"), ch("partner_name", "Company Name"), ch("contact_name", "Contact Name"),
                ch("phone", "Phone"), ch("mobile", "Mobile"), ch("website", "Website"), ch("function", "Job Position"),
                ch("street", "Street"), ch("street2", "Street2"), ch("city", "City"), ch("zip", "Zip"),
                m2o("state_id", "State", "res.country.state"), m2o("country_id", "Country", "res.country"),
                m2o("stage_id", "Stage", "crm.stage").defFn(() -> firstStage(orm)),
                fl("probability", "Probability").def(0.0),
                money("expected_revenue", "Expected Revenue"),
                m2o("user_id", "Salesperson", "res.users").defFn(() -> 2),
                m2o("team_id", "Sales Team", "crm.team").defFn(() -> orm.xmlidToId("sales_team.team_sales_department", "crm.team")),
                m2m("tag_ids", "Tags", "crm.tag"),
                m2o("partner_id", "Customer", "res.partner"),
                active(),
                Field.of("description", "html", "Notes"),
                sel("priority", "Priority", "0", "Low", "1", "Medium", "2", "High", "3", "Very High").def("0"),
                Field.of("date_deadline", "date", "Expected Closing"),
                Field.of("date_closed", "datetime", "Closed Date"),
                // Odoo 18 has no won/lost field: won is an active lead at a stage with is_won, lost an archived one at 0%
                m2o("lost_reason_id", "Lost Reason", "crm.lost.reason"),
                m2o("campaign_id", "Campaign", "utm.campaign"), m2o("source_id", "Source", "utm.source"),
                m2o("medium_id", "Medium", "utm.medium"),
                m2o("company_id", "Company", "res.company").defFn(() -> 1));
        lead.order("priority desc, id desc");
        // Odoo 18: the title is what people see; the identifier name is computed from it, unique ("Brand [2]")
        Model campaign = model("utm.campaign", "UTM Campaign", ch("name", "Campaign Identifier").required().unique("The name must be unique"),
                ch("title", "Campaign Name").required(), active());
        campaign.recName = "title";
        model("utm.source", "UTM Source", ch("name", "Source Name").required());
        model("utm.medium", "UTM Medium", ch("name", "Medium Name").required(), active());
    }

    static Integer firstStage(Orm o) {
        Model stages = o.model("crm.stage");
        Integer best = null;
        int seq = Integer.MAX_VALUE;
        for (Rec r : stages.rows.values()) {
            int s = ((Number) o.get(r, "sequence")).intValue();
            if (s < seq) {
                seq = s;
                best = r.id;
            }
        }
        return best;
    }

    private void mail() {
        model("mail.activity.type", "Activity Type", ch("name", "Name").required(), ch("summary", "Default Summary"),
                integer("delay_count", "Schedule"), integer("sequence", "Sequence").def(10),
                sel("category", "Action", "default", "None", "upload_file", "Upload Document", "phonecall", "Phonecall", "meeting", "Meeting")
                        .def("default"),
                ch("res_model", "Model"), ch("icon", "Icon"), active()).order("sequence, id");
        Model activity = model("mail.activity", "Activity",
                m2o("res_model_id", "Document Model", "ir.model").required().cascade(),
                ch("res_model", "Related Document Model"),
                Field.of("res_id", "integer", "Related Document ID").required(),
                ch("res_name", "Document Name").compute((o, r) -> {
                    Model target = o.models.get(r.str("res_model"));
                    Rec t = target == null ? null : target.rows.get(r.ref("res_id"));
                    return t == null ? null : o.displayName(t);
                }),
                m2o("activity_type_id", "Activity Type", "mail.activity.type"),
                ch("summary", "Summary"), Field.of("note", "html", "Note"),
                Field.of("date_deadline", "date", "Due Date").required().defFn(Orm::today),
                m2o("user_id", "Assigned to", "res.users").defFn(() -> 2),
                sel("state", "State", "overdue", "Overdue", "today", "Today", "planned", "Planned").compute((o, r) -> {
                    int c = r.str("date_deadline").compareTo(Orm.today());
                    return c < 0 ? "overdue" : c == 0 ? "today" : "planned";
                }), active());
        activity.order("date_deadline ASC, id ASC");
        activity.displayName = r -> {
            if (r.str("summary") != null) {
                return r.str("summary");
            }
            Rec t = orm.row("mail.activity.type", r.ref("activity_type_id"));
            return t == null ? "" : t.str("name");
        };
        Model msg = model("mail.message", "Message", ch("model", "Related Document Model"), Field.of("res_id", "integer", "Related Document ID"),
                Field.of("body", "html", "Contents"), ch("subject", "Subject"),
                sel("message_type", "Type", "email", "Email", "comment", "Comment", "notification", "System notification",
                        "auto_comment", "Automated Targeted Notification", "user_notification", "User Specific Notification").def("notification"),
                m2o("author_id", "Author", "res.partner").defFn(() -> 3), Field.of("date", "datetime", "Date").defFn(Orm::now),
                m2m("partner_ids", "Recipients", "res.partner"));
        msg.order("id desc");
        msg.recName = "subject";
    }

    private void stock() {
        Model loc = model("stock.location", "Inventory Locations", ch("name", "Location Name").required(),
                m2o("location_id", "Parent Location", "stock.location").cascade(),
                ch("complete_name", "Full Location Name").compute((o, r) -> o.displayName(r)),
                sel("usage", "Location Type", "supplier", "Vendor", "view", "Virtual", "internal", "Internal", "customer", "Customer",
                        "inventory", "Inventory Loss", "production", "Production", "transit", "Transit").def("internal"),
                active(), m2o("company_id", "Company", "res.company"));
        loc.order("complete_name, id");
        loc.parentName = "location_id"; // stock.location's _parent_name
        loc.displayName = r -> {
            // Odoo: parent's full name + "/" + name, except for views, which show their own name only
            Rec parent = orm.row("stock.location", r.ref("location_id"));
            if (parent == null || "view".equals(r.str("usage"))) {
                return r.str("name");
            }
            return orm.displayName(parent) + "/" + r.str("name");
        };
        model("stock.warehouse", "Warehouse", ch("name", "Warehouse").required(), ch("code", "Short Name").required(),
                m2o("lot_stock_id", "Location Stock", "stock.location"), m2o("view_location_id", "View Location", "stock.location"),
                m2o("company_id", "Company", "res.company").defFn(() -> 1), m2o("partner_id", "Address", "res.partner"), active());
        Model quant = model("stock.quant", "Quants",
                m2o("product_id", "Product", "product.product").required().cascade(),
                m2o("location_id", "Location", "stock.location").required(),
                fl("quantity", "Quantity"), fl("reserved_quantity", "Reserved Quantity"),
                fl("inventory_quantity", "Counted Quantity"), bool("inventory_quantity_set", "Inventory Quantity Set"),
                fl("inventory_diff_quantity", "Difference").compute((o, r) ->
                        r.flag("inventory_quantity_set") ? r.num("inventory_quantity") - r.num("quantity") : 0.0),
                fl("available_quantity", "Available Quantity").compute((o, r) -> r.num("quantity") - r.num("reserved_quantity")),
                m2o("product_tmpl_id", "Product Template", "product.template").compute((o, r) -> {
                    Rec p = o.row("product.product", r.ref("product_id"));
                    return p == null ? null : p.ref("product_tmpl_id");
                }),
                m2o("company_id", "Company", "res.company").defFn(() -> 1),
                Field.of("in_date", "datetime", "Incoming Date").defFn(Orm::now));
        quant.displayName = r -> {
            Rec l = orm.row("stock.location", r.ref("location_id"));
            Rec p = orm.row("product.product", r.ref("product_id"));
            return (l == null ? "" : orm.displayName(l)) + " - " + (p == null ? "" : orm.displayName(p));
        };
    }

    private void meta() {
        Model irModel = model("ir.model", "Models", ch("model", "Model").required(), ch("name", "Model Description").required(),
                sel("state", "Type", "manual", "Custom Object", "base", "Base Object").def("manual"),
                o2m("field_id", "Fields", "ir.model.fields", "model_id"), Field.of("info", "text", "Information"),
                bool("transient", "Transient Model"));
        irModel.order("model");
        irModel.keyIndex("model", r -> r.get("model"));
        Model irFields = model("ir.model.fields", "Fields", ch("name", "Field Name").required(),
                ch("model", "Model Name"), m2o("model_id", "Model", "ir.model").required().cascade(),
                ch("field_description", "Field Label").required(),
                sel("ttype", "Field Type", "binary", "binary", "boolean", "boolean", "char", "char", "date", "date", "datetime", "datetime",
                        "float", "float", "html", "html", "integer", "integer", "many2many", "many2many", "many2one", "many2one",
                        "many2one_reference", "many2one_reference", "monetary", "monetary", "one2many", "one2many", "reference", "reference",
                        "selection", "selection", "text", "text").required(),
                ch("relation", "Related Model"), ch("relation_field", "Relation Field"), bool("required", "Required"),
                bool("readonly", "Readonly"), bool("index", "Indexed"), bool("store", "Stored").def(true),
                sel("state", "Type", "manual", "Custom Field", "base", "Base Field").def("manual"),
                ch("selection", "Selection Options"), Field.of("help", "text", "Field Help"), bool("copied", "Copied"),
                o2m("selection_ids", "Selection Options", "ir.model.fields.selection", "field_id"));
        model("ir.model.fields.selection", "Fields Selection", m2o("field_id", "Field", "ir.model.fields").required().cascade(),
                ch("value", "Value").required(), ch("name", "Name").required(), integer("sequence", "Sequence").def(1000))
                .order("sequence, id");
        model("res.groups", "Access Groups", ch("name", "Name").required(), ch("full_name", "Group Name").compute((o, r) -> r.str("name")));
        // what the hub reads to say which modules a database has (Odoo lets only administrators read it)
        model("ir.module.module", "Module", ch("name", "Technical Name").required().readonly(), ch("shortdesc", "Module Name").readonly(),
                sel("state", "Status", "uninstallable", "Uninstallable", "uninstalled", "Not Installed", "installed", "Installed",
                        "to upgrade", "To be upgraded", "to remove", "To be removed", "to install", "To be installed")
                        .def("uninstallable").readonly())
                .order("name");
        model("ir.model.access", "Model Access", ch("name", "Name").required(), active(),
                m2o("model_id", "Model", "ir.model").required().cascade(), m2o("group_id", "Group", "res.groups"),
                bool("perm_read", "Read Access"), bool("perm_write", "Write Access"), bool("perm_create", "Create Access"),
                bool("perm_unlink", "Delete Access")).order("model_id,group_id,name,id");
        irFields.order("name");
        irFields.keyIndex("model_field", r -> r.get("model") + "." + r.get("name"));
        Model imd = model("ir.model.data", "Model Data", ch("module", "Module").required(), ch("name", "External Identifier").required(),
                ch("model", "Model Name").required(), Field.of("res_id", "integer", "Record ID"),
                ch("complete_name", "Complete ID").compute((o, r) -> r.str("module") + "." + r.str("name")),
                bool("noupdate", "Non Updatable"));
        imd.order("module, model, name");
        imd.displayName = r -> r.str("module") + "." + r.str("name");
        imd.keyIndex("xmlid", r -> r.get("module") + "." + r.get("name"));
        // record -> one of its external ids, so that deleting a record finds its bindings without a scan
        imd.keyIndex("record", r -> r.get("model") + "," + r.get("res_id"));
        imd.checks.add((o, r, changed) -> {
            if (changed.contains("module") || changed.contains("name")) {
                Integer other = imd.keyIndex.get("xmlid").get(r.get("module") + "." + r.get("name"));
                if (other != null && other != r.id) {
                    throw OdooError.validation("The operation cannot be completed: duplicate key value violates unique constraint "
                            + "\"ir_model_data_module_name_uniq_index\"");
                }
            }
        });
    }

    // ------------------------------------------------------------------ data

    /** ir.model and ir.model.fields rows for every model, so that custom fields can point at model_id. */
    private void metaRows() {
        for (Model m : new ArrayList<>(orm.models.values())) {
            describe(orm, m, "base");
        }
    }

    static void describe(Orm orm, Model m, String state) {
        Model irModel = orm.model("ir.model");
        Integer modelId = irModel.keyIndex.get("model").get(m.name);
        if (modelId == null) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("model", m.name);
            v.put("name", m.description);
            v.put("state", state);
            modelId = orm.create(irModel, v);
            orm.registerXmlid("base.model_" + m.name.replace('.', '_'), "ir.model", modelId);
        }
        Model irFields = orm.model("ir.model.fields");
        for (Field f : new ArrayList<>(m.fields.values())) {
            if (irFields.keyIndex.get("model_field").containsKey(m.name + "." + f.name)) {
                continue;
            }
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("name", f.name);
            v.put("model", m.name);
            v.put("model_id", modelId);
            v.put("field_description", f.string);
            v.put("ttype", f.type);
            v.put("relation", f.relation == null ? Boolean.FALSE : f.relation);
            v.put("relation_field", f.inverse == null ? Boolean.FALSE : f.inverse);
            v.put("required", f.required);
            v.put("readonly", f.readonly);
            v.put("store", f.stored());
            v.put("state", f.manual ? "manual" : "base");
            int fid = orm.create(irFields, v);
            if (!f.manual && Set.of("base").contains(state)) {
                orm.registerXmlid("base.field_" + m.name.replace('.', '_') + "__" + f.name, "ir.model.fields", fid);
            }
        }
    }
}
