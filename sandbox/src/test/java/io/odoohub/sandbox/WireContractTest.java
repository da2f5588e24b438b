package io.odoohub.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.xmlrpc.XmlRpcResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every request captured from a real Odoo 18 server (shared/odoo-wire) against one sandbox, in file-name
 * order, and compares the answers: fault or not, fault code, fault text (codes 2-4 and legacy string codes), the
 * exception type of a traceback (code 1), and the shape of a normal answer (keys, arrays, scalar types).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireContractTest {

    private static final Pattern INT = Pattern.compile("<int>(\\d+)</int>");
    private static final Pattern EXC_LINE = Pattern.compile("^([A-Za-z_][\\w.]*)(:.*)?$");
    /** 1x1 transparent PNG, the partner's image. */
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    private OdooSandbox sandbox;
    private RpcClient rpc;
    /** sample name prefix -> (id on the real server -> id in the sandbox) */
    private final Map<String, Map<Integer, Integer>> idMaps = new HashMap<>();
    private final Map<Integer, Integer> partnerIds = new HashMap<>();

    static Path wireDir() {
        return Path.of(System.getProperty("odoohub.wireDir", "../shared/odoo-wire"));
    }

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(wireDir())) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".req.xml"))
                    .map(n -> n.substring(0, n.length() - ".req.xml".length())).sorted().toList();
            assertThat(names).as("wire samples in %s", wireDir()).hasSizeGreaterThan(30);
            return names.stream();
        }
    }

    @BeforeAll
    void start() {
        sandbox = OdooSandbox.start("127.0.0.1", 0, "hub", "admin", "admin");
        rpc = new RpcClient(sandbox, "admin");
        int azure = (Integer) rpc.call("res.partner", "create", Map.of("name", "Azure Interior", "is_company", true, "image_1920", PNG));
        int deco = (Integer) rpc.call("res.partner", "create", Map.of("name", "Deco Addict", "is_company", true));
        int desk = (Integer) rpc.call("product.template", "create", Map.of("name", "Large Desk", "list_price", 580.0, "taxes_id", List.of()));
        int variant = (Integer) ((List<?>) ((Map<?, ?>) ((List<?>) rpc.call("product.template", "read", List.of(desk),
                List.of("product_variant_ids"))).get(0)).get("product_variant_ids")).get(0);
        List<Object> lines = List.of(
                List.of(0, 0, Map.of("product_id", variant, "product_uom_qty", 1.0)),
                List.of(0, 0, Map.of("product_id", variant, "product_uom_qty", 1.0)),
                List.of(0, 0, Map.of("product_id", variant, "product_uom_qty", 1.0)));
        int so1 = (Integer) rpc.call("sale.order", "create", Map.of("partner_id", deco, "validity_date", "2026-12-23", "order_line", lines));
        int so25 = (Integer) rpc.call("sale.order", "create", Map.of("partner_id", azure, "order_line", List.of(
                List.of(0, 0, Map.of("product_id", variant)))));
        rpc.call("sale.order", "action_confirm", List.of(so25));
        int p1 = (Integer) rpc.call("product.template", "create", Map.of("name", "Chair", "type", "consu"));
        int p2 = (Integer) rpc.call("product.template", "create", Map.of("name", "Table", "type", "consu"));
        rpc.call("product.template", "create", List.of(
                Map.of("name", "Office combo", "type", "combo", "list_price", 160.0),
                Map.of("name", "Installation", "type", "service", "list_price", 20.0),
                Map.of("name", "SKU one", "default_code", "SKU1", "list_price", 10.25)));
        partnerIds.put(15, azure);
        for (String s : List.of("04a", "05c", "08c", "09a")) {
            idMaps.put(s, Map.of(15, azure));
        }
        for (String s : List.of("04b", "04f")) {
            idMaps.put(s, Map.of(25, so25));
        }
        for (String s : List.of("08a", "08b", "09b", "09c")) {
            idMaps.put(s, Map.of(1, so1));
        }
        idMaps.put("09e", Map.of(1, p1));
        idMaps.put("09f", Map.of(1, p1, 2, p2));
        idMaps.put("09h", Map.of(1, p1, 2, p2));
    }

    @AfterAll
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void answersLikeOdoo18(String sample) throws IOException {
        String request = Files.readString(wireDir().resolve(sample + ".req.xml"), StandardCharsets.UTF_8);
        String expectedBody = Files.readString(wireDir().resolve(sample + ".resp.xml"), StandardCharsets.UTF_8);
        Map<Integer, Integer> ids = idMaps.getOrDefault(sample.substring(0, 3), Map.of());
        String sent = mapIds(request, ids);

        RpcClient.Raw raw = RpcClient.post(sandbox.url() + endpoint(sample, request), sent.getBytes(StandardCharsets.UTF_8));

        assertThat(raw.status()).isEqualTo(200);
        assertThat(raw.contentType()).isEqualTo("text/xml; charset=utf-8");
        assertThat(raw.connection()).isEqualToIgnoringCase("close");
        XmlRpcResponse expected = new io.odoohub.xmlrpc.XmlRpcReader(io.odoohub.xmlrpc.XmlRpcLimits.DEFAULT)
                .readResponse(expectedBody.getBytes(StandardCharsets.UTF_8));
        XmlRpcResponse actual = raw.parsed();
        assertThat(new String(raw.body(), StandardCharsets.UTF_8)).as("never <nil/> nor <i8>").doesNotContain("<nil/>", "<i8>");
        assertThat(actual.isFault()).as("fault? answer was %s", new String(raw.body(), StandardCharsets.UTF_8)).isEqualTo(expected.isFault());
        if (expected.isFault()) {
            String body = new String(raw.body(), StandardCharsets.UTF_8);
            assertThat(body.indexOf("<name>faultCode</name>")).as("faultCode first, as Python writes it")
                    .isLessThan(body.indexOf("<name>faultString</name>"));
            Object code = expected.fault().faultCode();
            if (code instanceof String s) {
                assertThat(actual.fault().faultCode()).isEqualTo(mapText(s, ids));
                assertThat(actual.fault().faultString()).isEqualTo(mapText(expected.fault().faultString(), ids));
            } else {
                assertThat(actual.fault().faultCode()).isEqualTo(code);
                if (expected.fault().code() == 1) {
                    assertThat(exceptionType(actual.fault().faultString())).as(actual.fault().faultString())
                            .isEqualTo(exceptionType(expected.fault().faultString()));
                    assertThat(actual.fault().faultString()).startsWith("Traceback (most recent call last):\n");
                } else {
                    assertThat(actual.fault().faultString()).isEqualTo(mapText(expected.fault().faultString(), ids));
                }
            }
        } else {
            assertThat(shape(actual.value())).isEqualTo(shape(expected.value()));
        }
        rememberCreatedIds(sample, actual);
    }

    /** 06a and 07a create the partners that later samples (46 and 47 on the real server) address. */
    private void rememberCreatedIds(String sample, XmlRpcResponse actual) {
        if (sample.startsWith("06a")) {
            int id = (Integer) actual.value();
            for (String s : List.of("06b", "06c", "06d", "06e")) {
                idMaps.put(s, Map.of(46, id));
            }
        } else if (sample.startsWith("07a")) {
            int id = (Integer) actual.value();
            idMaps.put("07b", Map.of(47, id));
            idMaps.put("07c", Map.of(47, id));
        }
    }

    static String endpoint(String sample, String request) {
        String method = request.replaceAll("(?s).*<methodName>([^<]*)</methodName>.*", "$1").trim();
        String base = sample.contains("legacy") ? "/xmlrpc/" : "/xmlrpc/2/";
        return switch (method) {
            case "execute_kw", "execute" -> base + "object";
            case "list", "db_exist", "server_version" -> base + "db";
            default -> base + "common";
        };
    }

    /** Rewrites ids only in the arguments (after db, uid, password, model, method), so uid 2 stays 2. */
    static String mapIds(String request, Map<Integer, Integer> ids) {
        if (ids.isEmpty()) {
            return request;
        }
        int argsAt = nthIndexOf(request, "<param>", 6);
        if (argsAt < 0) {
            return request;
        }
        Matcher m = INT.matcher(request.substring(argsAt));
        StringBuilder sb = new StringBuilder(request.substring(0, argsAt));
        while (m.find()) {
            int v = Integer.parseInt(m.group(1));
            m.appendReplacement(sb, "<int>" + ids.getOrDefault(v, v) + "</int>");
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String mapText(String text, Map<Integer, Integer> ids) {
        String out = text;
        for (Map.Entry<Integer, Integer> e : ids.entrySet()) {
            out = out.replace("(" + e.getKey() + ",)", "(" + e.getValue() + ",)");
        }
        return out;
    }

    private static int nthIndexOf(String s, String what, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = s.indexOf(what, at + 1);
            if (at < 0) {
                return -1;
            }
        }
        return at;
    }

    /** The Python exception class on the last exception line of a traceback ("ValueError", "psycopg2.errors.X"). */
    static String exceptionType(String traceback) {
        String found = null;
        for (String line : traceback.split("\n")) {
            if (line.isEmpty() || Character.isWhitespace(line.charAt(0)) || line.startsWith("Traceback ")
                    || line.startsWith("During handling")) {
                continue;
            }
            Matcher m = EXC_LINE.matcher(line);
            if (m.matches() && !line.startsWith("LINE ")) {
                found = m.group(1);
            }
        }
        return found;
    }

    /** Keys, array element shapes and scalar types; ids, dates and numbers themselves do not matter. */
    static Object shape(Object v) {
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, x) -> out.put(String.valueOf(k), shape(x)));
            return out;
        }
        if (v instanceof List<?> list) {
            if (list.isEmpty()) {
                return "[]";
            }
            TreeSet<String> kinds = new TreeSet<>();
            for (Object x : list) {
                kinds.add(String.valueOf(shape(x)));
            }
            return "array" + kinds;
        }
        if (v instanceof Integer || v instanceof Long) {
            return "int";
        }
        if (v instanceof Double) {
            return "double";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof byte[]) {
            return "base64";
        }
        if (v instanceof LocalDateTime) {
            return "dateTime";
        }
        return v == null ? "nil" : v.getClass().getSimpleName();
    }
}
