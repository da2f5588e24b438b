package io.odoohub.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.odoo.fault.OdooTransportException;
import io.odoohub.store.DeadLetter;
import io.odoohub.store.DeadLetterStore;
import io.odoohub.store.HubDatabase;
import io.odoohub.testsupport.TestOdoo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one error policy: retried when retryable, not when permanent, and a dead letter in the H2 file at the end; the
 * Odoo faults are the real server's (or the sandbox's), the outage the proxy's in front of it.
 */
@Tag(TestOdoo.TAG)
class ErrorPolicyIT {

    @TempDir
    Path dir;

    private TestOdoo odoo;
    private HubDatabase database;
    private DeadLetterStore deadLetters;
    private CamelContext context;
    private final AtomicInteger attempts = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        odoo = TestOdoo.start();
        database = HubDatabase.open(HubDatabase.h2Url(dir), "sa", "", 2);
        deadLetters = new DeadLetterStore(database.dataSource());
        context = new DefaultCamelContext();
        context.addComponent("odoo", odoo.component());
        context.addRoutes(new ErrorPolicy(new RetrySettings(3, 20, 2, 200)));
        context.addRoutes(new DeadLetterRoute(deadLetters));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:flaky").routeId("flaky").routeConfigurationId(ErrorPolicy.ID)
                        .setProperty(ErrorPolicy.FLOW_PROPERTY, constant("test-flow"))
                        .process(e -> {
                            attempts.incrementAndGet();
                            throw new OdooTransportException("connection refused (test)", 0, true, null);
                        });
                from("direct:orders").routeId("orders").routeConfigurationId(ErrorPolicy.ID)
                        .setProperty(ErrorPolicy.FLOW_PROPERTY, constant("orders"))
                        .setProperty(ErrorPolicy.SOURCE_KEY_PROPERTY, simple("${header.key}"))
                        .process(e -> attempts.incrementAndGet())
                        .to("odoo:sale.order?operation=create");
            }
        });
        context.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        context.close();
        database.close();
        odoo.close();
    }

    @Test
    void retryableFailuresAreRetriedWithBackoffThenDeadLettered() {
        context.createProducerTemplate().sendBody("direct:flaky", "{\"event\":1}");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count("test-flow") == 1);
        DeadLetter d = deadLetters.list("test-flow", 10).get(0);
        assertThat(attempts).hasValue(4); // the first attempt and 3 redeliveries
        assertThat(d.attempts()).isEqualTo(4);
        assertThat(d.payload()).isEqualTo("{\"event\":1}");
        assertThat(d.routeId()).isEqualTo("flaky");
        assertThat(d.reason()).contains("connection refused (test)");
        assertThat(d.errorType()).isEqualTo(OdooTransportException.class.getName());
    }

    @Test
    void permanentOdooFaultsAreNotRetriedAndKeepOdoosReason() {
        context.createProducerTemplate().sendBodyAndHeader("direct:orders", Map.of("client_order_ref", "no-partner"), "key", "order-7");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.count("orders") == 1);
        DeadLetter d = deadLetters.list("orders", 10).get(0);
        assertThat(attempts).hasValue(1);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.sourceKey()).isEqualTo("order-7");
        assertThat(d.reason()).contains("a mandatory field is not set").contains("partner_id");
        // JSON-2 names the class of Odoo's error; XML-RPC's fault 2 carries only its message
        assertThat(d.errorType()).isEqualTo(odoo.json2() ? "Odoo fault 2 odoo.exceptions.ValidationError" : "Odoo fault 2");
    }

    @Test
    void anOdooOutageIsRiddenOutByRedelivery() throws Exception {
        int partner = (Integer) ((List<?>) odoo.client().create("res.partner", List.of(Map.of("name", "P")), null)).get(0);
        // the component has chosen its transport and authenticated (over JSON-2 a model call, res.users.context_get), so
        // that the faults below meet the creates
        context.createProducerTemplate().requestBody("odoo:res.partner?operation=fields_get", (Object) null);
        // three failed attempts, each a different kind of outage, then Odoo answers: within the 3 redeliveries
        odoo.faults().dropConnections(1);
        odoo.faults().httpStatus(503, 1);
        odoo.faults().serializationFailure(1);
        context.createProducerTemplate().sendBodyAndHeader("direct:orders", Map.of("partner_id", partner, "client_order_ref", "after-503"),
                "key", "order-8");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                !odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "=", "after-503")), List.of("id")).isEmpty());
        assertThat(odoo.searchRead("sale.order", List.of(List.of("client_order_ref", "=", "after-503")), List.of("id"))).hasSize(1);
        // the serialization failure was answered to a create, and a later create went through
        assertThat(odoo.callsByMethod().get("sale.order.create")).isGreaterThanOrEqualTo(2L);
        assertThat(deadLetters.count("orders")).isZero();
    }
}
