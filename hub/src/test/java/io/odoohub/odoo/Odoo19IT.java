package io.odoohub.odoo;

import io.odoohub.odoo.fault.OdooFaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import io.odoohub.odoo.transport.TransportChoice;
import io.odoohub.testsupport.LogCapture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub's Odoo client, batch writer and {@code odoo:} component against a REAL Odoo 19 (the shared odoo19 bundle),
 * over JSON-2 and over XML-RPC on the same server. Most cases run on both transports and expect the same outcome for
 * the hub: what differs between them on the wire (the class a fault names, null against the "cannot marshal None"
 * fault) is asserted where it shows.
 *
 * <p>Needs a running server: {@code eval "$(../shared/odoo19/odoo19 start --db NAME)"} and
 * {@code -Dodoo19.url=$ODOO_URL -Dodoo19.db=$ODOO_DB -Dodoo19.username=$ODOO_USERNAME -Dodoo19.apiKey=$ODOO_API_KEY}
 * (or the environment variables ODOO19_URL, ODOO19_DB, ODOO19_USERNAME, ODOO19_API_KEY, which the pom passes on).
 * Records it makes carry a per-run prefix and are archived at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Odoo19IT {

    private final String run = "hub-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Integer> partners = new ArrayList<>();
    private final List<Integer> templates = new ArrayList<>();
    private final Map<String, OdooClient> clients = new LinkedHashMap<>();
    private LogCapture logs;

    static String setting(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank() || v.startsWith("${")) {
            fail("system property " + name + " is not set: start a real Odoo 19 with ../shared/odoo19/odoo19 start --db NAME and pass"
                    + " -Dodoo19.url=$ODOO_URL -Dodoo19.db=$ODOO_DB -Dodoo19.username=$ODOO_USERNAME -Dodoo19.apiKey=$ODOO_API_KEY"
                    + " (or set ODOO19_URL, ODOO19_DB, ODOO19_USERNAME, ODOO19_API_KEY)");
        }
        // bin/test names two instances for the Odoo 19 pass of the tagged ITs (comma lists): this test takes the first
        return v.split(",")[0].trim();
    }

    static OdooConfiguration configuration(String transport) {
        OdooConfiguration c = new OdooConfiguration();
        c.setUrl(setting("odoo19.url"));
        c.setDatabase(setting("odoo19.db"));
        c.setUsername(setting("odoo19.username"));
        c.setApiKey(setting("odoo19.apiKey"));
        c.setTransport(transport);
        return c;
    }

    OdooClient client(String transport) {
        return clients.computeIfAbsent(transport, t -> OdooClients.create(configuration(t)));
    }

    @BeforeAll
    void start() {
        logs = LogCapture.attach();
    }

    @AfterAll
    void cleanUp() {
        try {
            OdooClient odoo = client("auto");
            // archived rather than deleted: orders and quants still refer to some of them
            List<Integer> left = odoo.searchRead("res.partner", List.of(List.of("id", "in", partners)), List.of("id"), null, 0, 0, null)
                    .stream().map(r -> (Integer) r.get("id")).toList();
            if (!left.isEmpty()) {
                odoo.write("res.partner", left, Map.of("active", false), null);
            }
            if (!templates.isEmpty()) {
                odoo.write("product.template", templates, Map.of("active", false), null);
            }
        } finally {
            clients.values().forEach(OdooClient::close);
            logs.close();
        }
        assertThat(logs.text()).as("the API key is never logged").doesNotContain(setting("odoo19.apiKey"));
    }

    private int partner(OdooClient odoo, Map<String, Object> values) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        v.putIfAbsent("name", run + " partner");
        int id = odoo.create("res.partner", List.of(v), null).get(0);
        partners.add(id);
        return id;
    }

    private static OdooFaultException fault(Runnable call) {
        Throwable t = catchThrowable(call::run);
        assertThat(t).isInstanceOf(OdooFaultException.class);
        return (OdooFaultException) t;
    }

    // ---- the transport ---------------------------------------------------------------------------------------

    @Test
    void autoChoosesJson2AndSaysWhy() {
        TransportChoice choice = client("auto").transportChoice();
        assertThat(choice.protocol()).isEqualTo(TransportChoice.JSON2);
        assertThat(choice.serverVersion()).startsWith("19.");
        assertThat(choice.reason()).contains("hub.odoo.transport=auto", "GET /web/version answered 19.");
        assertThat(client("auto").version().get("server_version").toString()).startsWith("19.");

        TransportChoice xmlrpc = client("xmlrpc").transportChoice();
        assertThat(xmlrpc.protocol()).isEqualTo(TransportChoice.XMLRPC);
        assertThat(xmlrpc.reason()).contains("hub.odoo.transport=xmlrpc", "deprecated");
        assertThat(client("json2").transportChoice().reason()).contains("hub.odoo.transport=json2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json2", "xmlrpc"})
    void authenticateGivesTheUidOfTheKey(String transport) {
        assertThat(client(transport).authenticate()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json2", "xmlrpc"})
    void aWrongKeyIsAccessDenied(String transport) {
        OdooConfiguration c = configuration(transport);
        c.setApiKey("0000000000000000000000000000000000000000");
        try (OdooClient odoo = OdooClients.create(c)) {
            OdooFaultException f = fault(() -> odoo.searchRead("res.partner", List.of(), List.of("name"), null, 0, 1, null));
            assertThat(f.getKind()).isEqualTo(OdooFaultException.Kind.ACCESS_DENIED);
            assertThat(f.isRetryable()).isFalse();
            if (transport.equals("json2")) {
                assertThat(f.getOdooMessage()).contains("HTTP 401", "Invalid apikey", "hub.odoo.api-key (ODOO_API_KEY)");
            }
            assertThat(f.getMessage()).doesNotContain("0000000000000000000000000000000000000000");
        }
    }

    @Test
    void aDatabaseTheServerDoesNotHaveIsNamedOverJson2() {
        OdooConfiguration c = configuration("json2");
        c.setDatabase(run + "_no_such_db");
        try (OdooClient odoo = OdooClients.create(c)) {
            OdooFaultException f = fault(odoo::authenticate);
            assertThat(f.getOdooMessage()).contains("database '" + run + "_no_such_db' does not exist", "hub.odoo.db");
        }
    }

    // ---- records -----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"json2", "xmlrpc"})
    void searchReadCreateWriteUnlink(String transport) {
        OdooClient odoo = client(transport);
        List<Integer> ids = odoo.create("res.partner", List.of(Map.of("name", run + " " + transport + " a", "email", "a@example.com"),
                Map.of("name", run + " " + transport + " b", "is_company", true)), null);
        partners.addAll(ids);
        assertThat(ids).hasSize(2).doesNotContainNull();

        List<Map<String, Object>> rows = odoo.searchRead("res.partner", List.of(List.of("name", "like", run + " " + transport + " ")),
                List.of("name", "email", "is_company", "parent_id"), "id asc", 0, 0, null);
        assertThat(rows).extracting(r -> r.get("id")).containsExactlyElementsOf(ids);
        assertThat(rows.get(0)).containsEntry("email", "a@example.com").containsEntry("parent_id", false);
        assertThat(rows.get(1)).containsEntry("email", false).containsEntry("is_company", true);

        assertThat(odoo.write("res.partner", List.of(ids.get(0)), Map.of("parent_id", ids.get(1)), null)).isTrue();
        Object read = odoo.execute("res.partner", "read", List.of(List.of(ids.get(0)), List.of("parent_id")), Map.of());
        assertThat(((Map<?, ?>) ((List<?>) read).get(0)).get("parent_id")).isEqualTo(List.of(ids.get(1), run + " " + transport + " b"));

        assertThat(odoo.searchRead("res.partner", List.of(List.of("name", "like", run + " " + transport + " ")), List.of("id"), "id asc", 1, 1, null))
                .as("offset and limit").extracting(r -> r.get("id")).containsExactly(ids.get(1));
        assertThat(odoo.execute("res.partner", "search_count", List.of(List.of(List.of("name", "like", run + " " + transport + " "))), Map.of()))
                .isEqualTo(2);

        assertThat(odoo.unlink("res.partner", ids, null)).isTrue();
        assertThat(odoo.execute("res.partner", "read", List.of(ids, List.of("name")), Map.of())).as("read of deleted ids").isEqualTo(List.of());
        OdooFaultException missing = fault(() -> odoo.write("res.partner", ids, Map.of("name", "x"), null));
        assertThat(missing.getKind()).isEqualTo(OdooFaultException.Kind.USER_ERROR);
        assertThat(missing.getOdooMessage()).contains("Record does not exist or has been deleted");
        assertThat(missing.getOdooType()).isEqualTo(transport.equals("json2") ? "odoo.exceptions.MissingError" : null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json2", "xmlrpc"})
    void fieldsGetNamesWhatOdoo19Has(String transport) {
        Map<String, Map<String, Object>> lines = client(transport).fieldsGet("sale.order.line", List.of("type", "relation"));
        assertThat(lines).containsKeys("tax_ids", "product_uom_id").doesNotContainKeys("tax_id", "product_uom");
        assertThat(lines.get("tax_ids")).containsEntry("type", "many2many").containsEntry("relation", "account.tax");
        assertThat(client(transport).fieldsGet("res.partner", List.of("type"))).containsKeys("phone").doesNotContainKeys("mobile");
    }

    // ---- load and the batch writer -----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"json2", "xmlrpc"})
    void loadReportsABadRowInItsAnswerAndTheBatchWriterWritesTheRest(String transport) {
        OdooClient odoo = client(transport);
        String x = run.replace('-', '_') + "_" + transport;
        List<String> fields = List.of("id", "name", "list_price", "categ_id/id");
        List<List<String>> rows = List.of(
                List.of(x + ".p1", run + " load 1", "10.5", ""),
                List.of(x + ".p2", run + " load 2", "11", "__import__.no_such_category"),
                List.of(x + ".p3", run + " load 3", "12", ""));

        // Odoo 19 answers a bad cell as XML-RPC does: HTTP 200, ids false, a message naming the record and field
        OdooClient.LoadResponse refused = odoo.load("product.template", fields, rows, null);
        assertThat(refused.rejected()).isTrue();
        assertThat(refused.messages()).anySatisfy(m -> {
            assertThat(m.isError()).isTrue();
            assertThat(m.record()).isEqualTo(1);
            assertThat(m.field()).isEqualTo("categ_id");
            assertThat(m.fromRow()).isEqualTo(1);
            assertThat(m.message()).contains("No matching record found for external id '__import__.no_such_category'");
        });

        List<LoadRecord> records = rows.stream().map(LoadRecord::of).toList();
        BatchResult result = new OdooBatchWriter(odoo, 500).load("product.template", fields, records, Map.of("tracking_disable", true));
        templates.addAll(result.writtenIds());
        assertThat(result.writtenCount()).isEqualTo(2);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(1);
            assertThat(f.message()).contains("__import__.no_such_category");
        });
        // load's messages only name suspects (Odoo 18 and 19 blame innocent rows too): the writer writes what was not blamed,
        // then tries the blamed record alone, so exactly the bad row fails with its own reason
        assertThat(result.calls()).as("one refused call, one for the unblamed records, one for the blamed record alone").isEqualTo(3);

        // a column Odoo does not have is not a cell error: the whole call fails (500 ValueError / fault 1)
        OdooFaultException column = fault(() -> odoo.load("product.template", List.of("id", "no_such_column"),
                List.of(List.of(x + ".p9", "x")), null));
        assertThat(column.getKind()).isEqualTo(OdooFaultException.Kind.SERVER_ERROR);
        assertThat(column.getOdooType()).isEqualTo("ValueError");
        assertThat(column.getOdooMessage()).contains("no_such_column");
    }

    @ParameterizedTest
    @ValueSource(strings = {"json2", "xmlrpc"})
    void aRefusedCreateIsSplitUntilTheBadRowStandsAlone(String transport) {
        OdooClient odoo = client(transport);
        int parent = partner(odoo, Map.of("name", run + " parent " + transport, "is_company", true));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(Map.of("name", run + " batch " + transport + " " + i, "parent_id", i == 4 ? 999_999_999 : parent));
        }
        BatchResult result = new OdooBatchWriter(odoo, 500).create("res.partner", rows, null);
        partners.addAll(result.writtenIds());
        assertThat(result.writtenCount()).isEqualTo(5);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(4);
            assertThat(f.cause()).isInstanceOf(OdooFaultException.class);
            assertThat(((OdooFaultException) f.cause()).getKind()).isEqualTo(OdooFaultException.Kind.USER_ERROR);
        });
    }

    // ---- errors ------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"json2", "xmlrpc"})
    void odooErrorsAreClassifiedAlike(String transport) {
        OdooClient odoo = client(transport);
        boolean json2 = transport.equals("json2");

        OdooFaultException user = fault(() -> odoo.unlink("res.users", List.of(2), null));
        assertThat(user.getKind()).isEqualTo(OdooFaultException.Kind.USER_ERROR);
        assertThat(user.getOdooMessage()).contains("You cannot delete the admin user");
        assertThat(user.getOdooType()).isEqualTo(json2 ? "odoo.exceptions.UserError" : null);

        int p = partner(odoo, Map.of());
        OdooFaultException validation = fault(() -> odoo.write("res.partner", List.of(p), Map.of("parent_id", p), null));
        assertThat(validation.getKind()).isEqualTo(OdooFaultException.Kind.USER_ERROR);
        assertThat(validation.getOdooMessage()).contains("recursive");
        assertThat(validation.getOdooType()).isEqualTo(json2 ? "odoo.exceptions.ValidationError" : null);
        assertThat(validation.isRetryable()).isFalse();

        OdooFaultException field = fault(() -> odoo.searchRead("res.partner", List.of(), List.of("no_such_field"), null, 0, 1, null));
        assertThat(field.getKind()).isEqualTo(OdooFaultException.Kind.SERVER_ERROR);
        assertThat(field.getOdooType()).isEqualTo("ValueError");
        assertThat(field.getFaultString()).startsWith("Traceback (most recent call last):");

        OdooFaultException value = fault(() -> odoo.create("res.partner", List.of(Map.of("name", "x", "no_such_field", 1)), null));
        assertThat(value.getKind()).isEqualTo(OdooFaultException.Kind.SERVER_ERROR);
        assertThat(value.getOdooMessage()).contains("Invalid field 'no_such_field'");

        OdooFaultException access = fault(() -> odoo.create("res.users.apikeys", List.of(Map.of("name", "x")), null));
        assertThat(access.getKind()).isEqualTo(OdooFaultException.Kind.ACCESS_ERROR);

        // an unknown model or method: never worth splitting a batch for; the two transports name it differently
        OdooFaultException model = fault(() -> odoo.searchRead("no.such.model", List.of(), List.of(), null, 0, 1, null));
        OdooFaultException method = fault(() -> odoo.execute("res.partner", "no_such_method", List.of(List.of(p)), Map.of()));
        if (json2) {
            assertThat(model.getOdooType()).isEqualTo("werkzeug.exceptions.NotFound");
            assertThat(method.getOdooType()).isEqualTo("werkzeug.exceptions.NotFound");
        } else {
            assertThat(model.getOdooMessage()).isEqualTo("Object no.such.model doesn't exist");
            assertThat(method.getOdooType()).isEqualTo("AttributeError");
        }
        BatchResult none = new BatchResult(2);
        Throwable thrown = catchThrowable(() -> new OdooBatchWriter(odoo, 10).load("no.such.model", List.of("id", "name"),
                List.of(LoadRecord.of(List.of("a", "b")), LoadRecord.of(List.of("c", "d"))), null, none));
        assertThat(thrown).as("thrown, not split").isInstanceOf(OdooFaultException.class);
        assertThat(none.calls()).isEqualTo(1);
    }

    // ---- the methods the hub's connectors call -------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"json2", "xmlrpc"})
    void theMethodsTheConnectorsCallWorkOnOdoo19(String transport) {
        OdooClient odoo = client(transport);
        assertThat(odoo.execute("res.users", "check_access_rights", List.of("read"), Map.of("raise_exception", false))).isEqualTo(true);

        int customer = partner(odoo, Map.of("name", run + " customer " + transport));
        int template = odoo.create("product.template", List.of(Map.of("name", run + " stocked " + transport, "type", "consu",
                "is_storable", true, "list_price", 9.5)), null).get(0);
        templates.add(template);
        int product = (Integer) odoo.searchRead("product.product", List.of(List.of("product_tmpl_id", "=", template)), List.of("id"),
                null, 0, 1, null).get(0).get("id");

        // sale.order: lines with the 19 names, confirmed then cancelled (both return None or a value; null or true here)
        List<Integer> taxes = odoo.searchRead("account.tax", List.of(List.of("type_tax_use", "=", "sale")), List.of("id"), "id", 0, 1, null)
                .stream().map(r -> (Integer) r.get("id")).toList();
        int order = odoo.create("sale.order", List.of(Map.of("partner_id", customer, "client_order_ref", run + " " + transport,
                "order_line", List.of(List.of(0, 0, Map.of("product_id", product, "product_uom_qty", 2, "price_unit", 9.5,
                        "tax_ids", List.of(List.of(6, 0, taxes))))))), null).get(0);
        odoo.call("sale.order", "action_confirm", List.of(List.of(order)), Map.of());
        assertThat(odoo.searchRead("sale.order", List.of(List.of("id", "=", order)), List.of("state"), null, 0, 1, null).get(0))
                .containsEntry("state", "sale");
        odoo.call("sale.order", "action_cancel", List.of(List.of(order)), Map.of());
        assertThat(odoo.searchRead("sale.order", List.of(List.of("id", "=", order)), List.of("state"), null, 0, 1, null).get(0))
                .containsEntry("state", "cancel");

        // stock.quant in inventory mode, applied (returns None)
        int stock = (Integer) odoo.searchRead("stock.location", List.of(List.of("usage", "=", "internal")), List.of("id"), "id", 0, 1, null)
                .get(0).get("id");
        Map<String, Object> inventory = Map.of("inventory_mode", true);
        int quant = odoo.create("stock.quant", List.of(Map.of("product_id", product, "location_id", stock, "inventory_quantity", 7)),
                inventory).get(0);
        assertThat(odoo.call("stock.quant", "action_apply_inventory", List.of(List.of(quant)), Map.of("context", inventory))).isNull();
        assertThat(odoo.searchRead("stock.quant", List.of(List.of("id", "=", quant)), List.of("quantity"), null, 0, 1, null).get(0).get("quantity"))
                .isEqualTo(7.0);

        // crm.lead won
        int lead = odoo.create("crm.lead", List.of(Map.of("name", run + " lead " + transport, "type", "opportunity")), null).get(0);
        odoo.call("crm.lead", "action_set_won", List.of(List.of(lead)), Map.of());
        assertThat(odoo.searchRead("crm.lead", List.of(List.of("id", "=", lead)), List.of("won_status"), null, 0, 1, null).get(0))
                .containsEntry("won_status", "won");
        odoo.unlink("crm.lead", List.of(lead), null);
    }

    // ---- the odoo: component -------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"json2", "xmlrpc"})
    void theComponentsOperations(String transport) throws Exception {
        OdooComponent component = new OdooComponent();
        component.setConfiguration(configuration(transport));
        try (CamelContext context = new DefaultCamelContext()) {
            context.addComponent("odoo", component);
            context.start();
            ProducerTemplate template = context.createProducerTemplate();

            Map<?, ?> version = template.requestBody("odoo:common?operation=version", null, Map.class);
            assertThat(version.get("server_version").toString()).startsWith("19.");
            assertThat(template.requestBody("odoo:common?operation=authenticate", null, Integer.class)).isEqualTo(2);
            assertThat(component.client(component.getConfiguration()).transportChoice().protocol()).isEqualTo(transport);

            String prefix = run + " component " + transport + " ";
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                rows.add(Map.of("name", prefix + i, "parent_id", i == 2 ? 999_999_999 : false));
            }
            BatchResult created = template.requestBody("odoo:res.partner?operation=create", rows, BatchResult.class);
            partners.addAll(created.writtenIds());
            assertThat(created.writtenCount()).isEqualTo(4);
            assertThat(created.failures()).singleElement().satisfies(f -> assertThat(f.index()).isEqualTo(2));

            Exchange read = template.request("odoo:res.partner?operation=search_read&fields=name&pageSize=2",
                    e -> e.getMessage().setHeader(OdooConstants.DOMAIN, List.of(List.of("name", "like", prefix))));
            assertThat(read.getMessage().getBody(List.class)).hasSize(4);
            assertThat(read.getMessage().getHeader(OdooConstants.CALLS, Integer.class)).isEqualTo(3);

            List<Integer> ids = created.writtenIds();
            Exchange written = template.request("odoo:res.partner?operation=write", e -> {
                e.getMessage().setHeader(OdooConstants.IDS, ids.subList(0, 2));
                e.getMessage().setBody(Map.of("comment", "written over " + transport));
            });
            assertThat(written.getMessage().getBody()).isEqualTo(true);

            Exchange archived = template.request("odoo:res.partner?operation=call&method=action_archive",
                    e -> e.getMessage().setHeader(OdooConstants.IDS, List.of(ids.get(3))));
            assertThat(archived.getException()).isNull();
            assertThat(archived.getMessage().getBody()).isNull();
            Exchange archivedRead = template.request("odoo:res.partner?operation=search_read&fields=active", e -> {
                e.getMessage().setHeader(OdooConstants.DOMAIN, List.of(List.of("id", "=", ids.get(3))));
                e.getMessage().setHeader(OdooConstants.CONTEXT, Map.of("active_test", false));
            });
            assertThat(archivedRead.getMessage().getBody(List.class)).singleElement().satisfies(r -> assertThat(((Map<?, ?>) r).get("active")).isEqualTo(false));

            Map<?, ?> fields = template.requestBody("odoo:sale.order.line?operation=fields_get", null, Map.class);
            assertThat(fields.containsKey("tax_ids")).isTrue();

            String x = run.replace('-', '_') + "_component_" + transport;
            List<Map<String, Object>> products = List.of(
                    Map.of("id", x + ".a", "name", prefix + "product a", "list_price", "5"),
                    Map.of("id", x + ".b", "name", prefix + "product b", "list_price", "not a number"),
                    Map.of("id", x + ".c", "name", prefix + "product c", "list_price", "7"));
            BatchResult loaded = template.requestBody("odoo:product.template?operation=load", products, BatchResult.class);
            templates.addAll(loaded.writtenIds());
            assertThat(loaded.writtenCount()).isEqualTo(2);
            assertThat(loaded.failures()).singleElement().satisfies(f -> assertThat(f.index()).isEqualTo(1));

            Exchange unlinked = template.request("odoo:res.partner?operation=unlink", e -> e.getMessage().setBody(ids));
            assertThat(unlinked.getMessage().getBody()).isEqualTo(true);
        }
    }
}
