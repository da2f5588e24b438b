package io.odoohub.odoo;

import io.odoohub.odoo.fault.OdooFaultException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.odoohub.testsupport.TestOdoo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The odoo: component through Camel, over real XML-RPC, against the sandbox and the real Odoo. */
@Tag(TestOdoo.TAG)
@Tag(TestOdoo.XMLRPC_ON_19)
class OdooProducerIT {

    private TestOdoo odoo;
    private CamelContext context;
    private ProducerTemplate template;

    @BeforeEach
    void setUp() {
        odoo = TestOdoo.start();
        context = new DefaultCamelContext();
        context.addComponent("odoo", odoo.component());
        context.start();
        template = context.createProducerTemplate();
    }

    @AfterEach
    void tearDown() throws Exception {
        context.close();
        odoo.close();
    }

    @Test
    void versionAndAuthenticate() {
        Map<?, ?> version = template.requestBody("odoo:common?operation=version", null, Map.class);
        // "18.0" from the sandbox, "18.0-20250421" from a nightly build, "19.0" (JSON-2's GET /web/version, or XML-RPC):
        // the series is what the hub relies on; it is the one the server itself gives its XML-RPC fixture client
        String series = odoo.majorVersion() + ".0";
        assertThat(version.get("server_serie")).isEqualTo(series);
        assertThat(String.valueOf(version.get("server_version"))).startsWith(series);
        assertThat(template.requestBody("odoo:common?operation=authenticate", null, Integer.class)).isEqualTo(2);
    }

    @Test
    void searchReadPagesThroughEveryRecord() {
        List<Map<String, Object>> partners = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            partners.add(Map.of("name", "Partner " + i, "email", "p" + i + "@partners.test"));
        }
        BatchResult created = template.requestBody("odoo:res.partner?operation=create&batchSize=2000", partners, BatchResult.class);
        assertThat(created.writtenCount()).isEqualTo(1234);
        assertThat(created.calls()).isEqualTo(1);

        List<?> domain = List.of(List.of("email", "like", "@partners.test"));
        var exchange = template.request("odoo:res.partner?operation=search_read&fields=name,email&pageSize=500",
                e -> e.getMessage().setHeader(OdooConstants.DOMAIN, domain));
        List<?> rows = exchange.getMessage().getBody(List.class);
        assertThat(rows).hasSize(1234);
        assertThat(exchange.getMessage().getHeader(OdooConstants.CALLS, Integer.class)).isEqualTo(3);
        assertThat(((Map<?, ?>) rows.get(0)).containsKey("email")).isTrue();
        assertThat(((Map<?, ?>) rows.get(0)).containsKey("name")).isTrue();

        var limited = template.request("odoo:res.partner?operation=search_read&fields=name&pageSize=100", e -> {
            e.getMessage().setHeader(OdooConstants.DOMAIN, domain);
            e.getMessage().setHeader(OdooConstants.LIMIT, 250);
        });
        assertThat(limited.getMessage().getBody(List.class)).hasSize(250);
        assertThat(limited.getMessage().getHeader(OdooConstants.CALLS, Integer.class)).isEqualTo(3);
    }

    @Test
    void writeUnlinkAndCallWithAMethodThatReturnsNone() {
        BatchResult created = template.requestBody("odoo:res.partner?operation=create",
                List.of(Map.of("name", "To change"), Map.of("name", "To delete")), BatchResult.class);
        int first = created.ids().get(0);
        int second = created.ids().get(1);

        template.requestBodyAndHeader("odoo:res.partner?operation=write", Map.of("email", "changed@example.com"),
                OdooConstants.IDS, List.of(first));
        assertThat(odoo.searchRead("res.partner", List.of(List.of("id", "=", first)), List.of("email")))
                .first().extracting(r -> r.get("email")).isEqualTo("changed@example.com");

        // action_archive returns None: Odoo answers the marshal fault after committing; the component reports success
        Object result = template.requestBodyAndHeader("odoo:res.partner?operation=call&method=action_archive", null,
                OdooConstants.IDS, List.of(first));
        assertThat(result).isNull();
        assertThat(odoo.searchRead("res.partner", List.of(List.of("id", "=", first)), List.of("active")))
                .first().extracting(r -> r.get("active")).isEqualTo(false);

        template.requestBodyAndHeader("odoo:res.partner?operation=unlink", null, OdooConstants.IDS, List.of(second));
        assertThat(odoo.searchRead("res.partner", List.of(List.of("id", "=", second)), List.of("name"))).isEmpty();
    }

    @Test
    void faultsBecomeTypedExceptionsWithOdoosMessage() {
        assertThatThrownBy(() -> template.requestBodyAndHeader("odoo:res.partner?operation=write", Map.of("name", "x"),
                OdooConstants.IDS, List.of(999_999)))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOfSatisfying(OdooFaultException.class, f -> {
                    assertThat(f.getFaultCode()).isEqualTo(2);
                    assertThat(f.getOdooMessage()).startsWith("Record does not exist or has been deleted.");
                    assertThat(f.isRetryable()).isFalse();
                });
        assertThatThrownBy(() -> template.requestBody("odoo:no.such.model?operation=search_read", (Object) null))
                .cause().isInstanceOfSatisfying(OdooFaultException.class,
                        // JSON-2 names a model it does not know in a 404 (werkzeug NotFound); XML-RPC in fault 2
                        f -> assertThat(f.getOdooMessage()).isEqualTo(odoo.json2() ? "the model 'no.such.model' does not exist"
                                : "Object no.such.model doesn't exist"));
        assertThatThrownBy(() -> template.requestBody("odoo:res.partner?operation=call&method=_compute_display_name", (Object) null))
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Private methods");
    }

    @Test
    void fieldsGetDescribesTheModel() {
        Map<?, ?> fields = template.requestBody("odoo:product.template?operation=fields_get", null, Map.class);
        for (String f : List.of("name", "list_price", "barcode", "categ_id")) {
            assertThat(fields.containsKey(f)).as(f).isTrue();
        }
        assertThat(((Map<?, ?>) fields.get("categ_id")).get("relation")).isEqualTo("product.category");
    }

    @Test
    void loadUpsertsByExternalIdAndSplitsOutTheBadRow() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rows.add(Map.of("id", "test.p" + i, "name", "Product " + i, "list_price", i == 6 ? "not-a-number" : (10 + i) + ".5"));
        }
        BatchResult result = template.requestBody("odoo:product.template?operation=load", rows, BatchResult.class);
        assertThat(result.writtenCount()).isEqualTo(9);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(6);
            assertThat(f.message()).contains("'not-a-number' does not seem to be a number");
            assertThat(f.field()).isEqualTo("list_price");
        });
        // the refused call names a suspect; one more writes the rest, and the suspect fails in a call of its own
        assertThat(result.calls()).isEqualTo(3);

        // the same rows again: updated in place, nothing duplicated
        rows.set(6, Map.of("id", "test.p6", "name", "Product 6", "list_price", "16.5"));
        BatchResult again = template.requestBody("odoo:product.template?operation=load", rows, BatchResult.class);
        assertThat(again.writtenCount()).isEqualTo(10);
        assertThat(again.ids().subList(0, 6)).isEqualTo(result.ids().subList(0, 6));
        assertThat(odoo.searchRead("product.template", List.of(List.of("name", "like", "Product ")), List.of("id"))).hasSize(10);
    }

    @Test
    void loadNeverEmptiesAFieldARecordDidNotName() {
        BatchResult first = template.requestBody("odoo:product.template?operation=load",
                List.of(Map.of("id", "test.keep", "name", "Keeps its price", "list_price", "42.5")), BatchResult.class);
        assertThat(first.writtenCount()).isEqualTo(1);
        // one record names list_price, the other does not: the other's price must stay as it was
        BatchResult mixed = template.requestBody("odoo:product.template?operation=load", List.of(
                Map.of("id", "test.other", "name", "Other", "list_price", "1"),
                Map.of("id", "test.keep", "name", "Keeps its price, renamed")), BatchResult.class);
        assertThat(mixed.writtenCount()).isEqualTo(2);
        assertThat(mixed.calls()).isEqualTo(2);
        assertThat(odoo.searchRead("product.template", List.of(List.of("id", "=", first.ids().get(0))), List.of("name", "list_price")))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("name")).isEqualTo("Keeps its price, renamed");
                    assertThat(r.get("list_price")).isEqualTo(42.5);
                });
    }

    @Test
    void createSplitsARefusedBatchUntilTheBadRowStandsAlone() {
        int partner = template.requestBody("odoo:res.partner?operation=create", Map.of("name", "Buyer"), BatchResult.class).ids().get(0);
        List<Map<String, Object>> orders = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            orders.add(i == 5 ? Map.of("client_order_ref", "bad") : Map.of("partner_id", partner, "client_order_ref", "ok-" + i));
        }
        BatchResult result = template.requestBody("odoo:sale.order?operation=create", orders, BatchResult.class);
        assertThat(result.writtenCount()).isEqualTo(7);
        assertThat(result.failures()).singleElement().satisfies(f -> {
            assertThat(f.index()).isEqualTo(5);
            assertThat(f.message()).contains("a mandatory field is not set").contains("partner_id");
        });
        assertThat(odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "like", "ok-")), List.of("id"))).hasSize(7);
    }
}
