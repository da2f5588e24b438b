package io.odoohub.xmlrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class XmlRpcCodecTest {

    static final XmlRpcReader READER = new XmlRpcReader(XmlRpcLimits.DEFAULT);

    // ---- round trips ---------------------------------------------------------------------------------------

    enum Colour { RED }

    static Stream<Arguments> roundTrips() {
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("z", 1);
        ordered.put("a", "two");
        ordered.put("m", List.of(3, 4.5));
        Map<String, Object> orderedBack = new LinkedHashMap<>(ordered);
        orderedBack.put("m", new ArrayList<>(List.of(3, 4.5)));
        return Stream.of(
                Arguments.of(42, 42),
                Arguments.of(Integer.MIN_VALUE, Integer.MIN_VALUE),
                Arguments.of(Integer.MAX_VALUE, Integer.MAX_VALUE),
                Arguments.of((short) 7, 7),
                Arguments.of((byte) -3, -3),
                Arguments.of(5L, 5),                                   // a long that fits goes as <int>
                Arguments.of(1L << 40, 1L << 40),                      // a long that does not goes as <i8>
                Arguments.of(Long.MIN_VALUE, Long.MIN_VALUE),
                Arguments.of(true, true),
                Arguments.of(false, false),
                Arguments.of(3.25, 3.25),
                Arguments.of(-0.5e-300, -0.5e-300),
                Arguments.of(1.5f, 1.5),
                Arguments.of(new BigDecimal("12.50"), 12.5),
                Arguments.of("", ""),
                Arguments.of("plain", "plain"),
                Arguments.of("héllo ✓ 😀 中文", "héllo ✓ 😀 中文"),
                Arguments.of("a & b < c > d \"q\" 'a' ]]>", "a & b < c > d \"q\" 'a' ]]>"),
                Arguments.of("line1\r\nline2\ttab\n", "line1\r\nline2\ttab\n"),
                Arguments.of("  spaces kept  ", "  spaces kept  "),
                Arguments.of('x', "x"),
                Arguments.of(Colour.RED, "RED"),
                Arguments.of(LocalDateTime.of(2026, 11, 23, 14, 21, 7), LocalDateTime.of(2026, 11, 23, 14, 21, 7)),
                Arguments.of(OffsetDateTime.of(2026, 11, 23, 16, 0, 0, 0, ZoneOffset.ofHours(2)), LocalDateTime.of(2026, 11, 23, 14, 0)),
                Arguments.of(Instant.parse("2026-11-23T14:00:05Z"), LocalDateTime.of(2026, 11, 23, 14, 0, 5)),
                Arguments.of(LocalDate.of(2026, 12, 23), "2026-12-23"),
                Arguments.of(List.of(), List.of()),
                Arguments.of(Map.of(), Map.of()),
                Arguments.of(List.of(1, "two", false, List.of(3.0)), List.of(1, "two", false, List.of(3.0))),
                Arguments.of(new Object[] {1, "x"}, List.of(1, "x")),
                Arguments.of(ordered, orderedBack),
                Arguments.of(Map.of("partner_id", List.of(10, "Deco Addict"), "tag_ids", List.of()),
                        Map.of("partner_id", List.of(10, "Deco Addict"), "tag_ids", List.of())));
    }

    @ParameterizedTest
    @MethodSource("roundTrips")
    void responseRoundTrip(Object sent, Object expected) {
        XmlRpcResponse back = READER.readResponse(XmlRpcWriter.response(sent));

        assertThat(back.isFault()).isFalse();
        assertThat(back.value()).isEqualTo(expected);
        if (expected != null) {
            assertThat(back.value()).isInstanceOf(expected instanceof List ? List.class
                    : expected instanceof Map ? Map.class : expected.getClass());
        }
    }

    @Test
    void structOrderIsKept() {
        Map<String, Object> sent = new LinkedHashMap<>();
        for (String k : List.of("zeta", "alpha", "mu", "beta")) {
            sent.put(k, k.length());
        }
        Object back = READER.readResponse(XmlRpcWriter.response(sent)).value();
        assertThat(back).isInstanceOf(LinkedHashMap.class);
        assertThat(List.copyOf(((Map<?, ?>) back).keySet())).isEqualTo(List.of("zeta", "alpha", "mu", "beta"));
    }

    @Test
    void nilAndBase64RoundTrip() {
        byte[] bytes = {0, 1, 2, (byte) 0xFF, (byte) 0x80};
        List<Object> sent = Arrays.asList(null, bytes, new byte[0]);

        List<?> back = (List<?>) READER.readResponse(XmlRpcWriter.response(sent)).value();

        assertThat(back.get(0)).isNull();
        assertThat((byte[]) back.get(1)).containsExactly(bytes);
        assertThat((byte[]) back.get(2)).isEmpty();
    }

    @Test
    void callRoundTrip() {
        List<Object> params = Arrays.asList("hub", 2, "secret", "res.partner", "search_read",
                List.of(List.of(List.of("is_company", "=", true))), Map.of("fields", List.of("name"), "limit", 5), null);

        XmlRpcCall call = READER.readCall(XmlRpcWriter.call("execute_kw", params));

        assertThat(call.methodName()).isEqualTo("execute_kw");
        assertThat(call.params()).isEqualTo(params);
    }

    @Test
    void faultRoundTripWithIntAndStringCodes() {
        XmlRpcResponse intCode = READER.readResponse(XmlRpcWriter.fault(2, "Record does not exist or has been deleted."));
        assertThat(intCode.isFault()).isTrue();
        assertThat(intCode.fault().code()).isEqualTo(2);
        assertThat(intCode.fault().faultString()).isEqualTo("Record does not exist or has been deleted.");

        XmlRpcResponse stringCode = READER.readResponse(XmlRpcWriter.fault("AccessDenied", null));
        assertThat(stringCode.fault().faultCode()).isEqualTo("AccessDenied");
        assertThat(stringCode.fault().code()).isEqualTo(-1);
        assertThat(stringCode.fault().faultString()).isEmpty();
    }

    @Test
    void writerRefusesWhatXmlRpcCannotCarry() {
        assertThatThrownBy(() -> XmlRpcWriter.response(Double.NaN)).isInstanceOf(XmlRpcException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> XmlRpcWriter.response(Double.POSITIVE_INFINITY)).isInstanceOf(XmlRpcException.class);
        assertThatThrownBy(() -> XmlRpcWriter.response("bell\u0007")).isInstanceOf(XmlRpcException.class).hasMessageContaining("U+0007");
        assertThatThrownBy(() -> XmlRpcWriter.response(new Object())).isInstanceOf(XmlRpcException.class).hasMessageContaining("java.lang.Object");
    }

    // ---- real captures from Odoo 18 --------------------------------------------------------------------------

    @Test
    void versionCapture() {
        Map<?, ?> v = (Map<?, ?>) readCapture("01_version").value();

        assertThat(v.get("server_version")).isEqualTo("18.0");
        assertThat(v.get("server_serie")).isEqualTo("18.0");
        assertThat(v.get("protocol_version")).isEqualTo(1);
        assertThat(v.get("server_version_info")).isEqualTo(List.of(18, 0, 0, "final", 0, ""));
    }

    @Test
    void authenticateCaptures() {
        assertThat(readCapture("02_authenticate_ok").value()).isEqualTo(2);
        assertThat(readCapture("03a_authenticate_wrong_password").value()).isEqualTo(false);
    }

    @Test
    void readTypesCapture() {
        List<?> rows = (List<?>) readCapture("08b_read_types_sale_order").value();
        Map<?, ?> order = (Map<?, ?>) rows.get(0);

        assertThat(order.get("id")).isEqualTo(1);
        assertThat(order.get("partner_id")).isEqualTo(List.of(10, "Deco Addict"));
        assertThat(order.get("order_line")).isEqualTo(List.of(1, 2, 3));
        assertThat(order.get("tag_ids")).isEqualTo(List.of());
        assertThat(order.get("date_order")).isEqualTo("2026-10-23 14:21:00");
        assertThat(order.get("commitment_date")).isEqualTo(false);
        assertThat(order.get("amount_total")).isEqualTo(1740.0);
        assertThat(order.get("note")).isEqualTo("<p>Hello &amp; <b>world</b></p>");
        assertThat(order.get("require_signature")).isEqualTo(true);
    }

    @Test
    void loadWithErrorRowCapture() {
        Map<?, ?> result = (Map<?, ?>) readCapture("08f_load_with_error_row").value();

        assertThat(result.get("ids")).isEqualTo(false);
        assertThat(result.get("nextrow")).isEqualTo(0);
        Map<?, ?> message = (Map<?, ?>) ((List<?>) result.get("messages")).get(0);
        assertThat(message.get("type")).isEqualTo("error");
        assertThat(message.get("record")).isEqualTo(0);
        assertThat(message.get("field")).isEqualTo("list_price");
        assertThat(message.get("rows")).isEqualTo(Map.of("from", 0, "to", 0));
        assertThat((String) message.get("message")).contains("'not-a-number' does not seem to be a number");
    }

    @Test
    void faultCaptures() {
        XmlRpcFault traceback = readCapture("04d_bad_selection_value").fault();
        assertThat(traceback.code()).isEqualTo(1);
        assertThat(traceback.faultString()).startsWith("Traceback (most recent call last):")
                .endsWith("ValueError: Wrong value for product.template.type: 'no_such_selection'\n");

        XmlRpcFault denied = readCapture("03b_execute_kw_wrong_password").fault();
        assertThat(denied.code()).isEqualTo(3);

        XmlRpcFault legacy = readCapture("04f_user_error_legacy_endpoint").fault();
        assertThat(legacy.faultCode()).isEqualTo("warning -- UserError\n\nYou can not delete a sent quotation or a confirmed sales order."
                + " You must first cancel it.");
        assertThat(legacy.faultString()).isEmpty();
    }

    @Test
    void everyCapturedMessageParses() throws IOException {
        List<Path> responses;
        List<Path> requests;
        try (Stream<Path> files = Files.list(wireDir())) {
            List<Path> all = files.sorted().toList();
            responses = all.stream().filter(p -> p.toString().endsWith(".resp.xml")).toList();
            requests = all.stream().filter(p -> p.toString().endsWith(".req.xml") && !p.getFileName().toString().startsWith("10a_")).toList();
        }
        assertThat(responses).hasSizeGreaterThan(30);
        for (Path p : responses) {
            XmlRpcResponse r = READER.readResponse(Files.readAllBytes(p));
            assertThat(r.isFault() ? r.fault().faultCode() : "value").as(p.getFileName().toString()).isNotNull();
        }
        for (Path p : requests) {
            assertThat(READER.readCall(Files.readAllBytes(p)).methodName()).as(p.getFileName().toString()).isNotBlank();
        }
        // 10a is the request Odoo refused as malformed XML: we refuse it too
        assertThatThrownBy(() -> READER.readCall(Files.readAllBytes(wireDir().resolve("10a_malformed_xml.req.xml"))))
                .isInstanceOf(XmlRpcException.class);
    }

    // ---- layouts, untyped values, escapes ------------------------------------------------------------------

    @Test
    void untypedValueIsAString() {
        assertThat(value("<value>plain &amp; text</value>")).isEqualTo("plain & text");
        assertThat(value("<value></value>")).isEqualTo("");
        assertThat(value("<value/>")).isEqualTo("");
        assertThat(value("<value>  padded  </value>")).isEqualTo("  padded  ");
        assertThat(value("<value><array><data><value>a</value><value><string>b</string></value></data></array></value>"))
                .isEqualTo(List.of("a", "b"));
    }

    @Test
    void whitespaceLayouts() {
        String pretty = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- a comment -->
                <methodResponse>
                  <params>
                    <param>
                      <value>
                        <struct>
                          <member>
                            <value>  <i4> 7 </i4>  </value>
                            <name>n</name>
                          </member>
                          <member>
                            <name>list</name>
                            <value>
                              <array>
                                <data>
                                  <value><boolean> 1 </boolean></value>
                                  <value><double>
                                  2.5
                                  </double></value>
                                </data>
                              </array>
                            </value>
                          </member>
                        </struct>
                      </value>
                    </param>
                  </params>
                </methodResponse>
                """.replace("\n", "\r\n");
        String compact = "<methodResponse><params><param><value><struct><member><name>n</name><value><int>7</int></value></member>"
                + "<member><name>list</name><value><array><data><value><boolean>1</boolean></value><value><double>2.5</double>"
                + "</value></data></array></value></member></struct></value></param></params></methodResponse>";
        Map<String, Object> expected = Map.of("n", 7, "list", List.of(true, 2.5));

        assertThat(READER.readResponse(bytes(pretty)).value()).isEqualTo(expected);
        assertThat(READER.readResponse(bytes(compact)).value()).isEqualTo(expected);
    }

    @Test
    void escapesAndCharacterReferences() {
        assertThat(value("<value><string>&amp;&lt;&gt;&quot;&apos;&#65;&#x1F600;&#13;</string></value>")).isEqualTo("&<>\"'A😀\r");
        assertThat(value("<value><string><![CDATA[<b>x</b> & y]]></string></value>")).isEqualTo("<b>x</b> & y");
        assertThat(value("<value><string>one<!-- dropped -->two</string></value>")).isEqualTo("onetwo");
    }

    @Test
    void scalarsOfEveryWireSpelling() {
        assertThat(value("<value><int>3000000000</int></value>")).isEqualTo(3_000_000_000L);
        assertThat(value("<value><i8>1099511627776</i8></value>")).isEqualTo(1_099_511_627_776L);
        assertThat(value("<value><nil/></value>")).isNull();
        assertThat(value("<value><dateTime.iso8601>20261123T14:21:00</dateTime.iso8601></value>"))
                .isEqualTo(LocalDateTime.of(2026, 11, 23, 14, 21));
        assertThat(value("<value><dateTime.iso8601>2026-11-23T14:21:00</dateTime.iso8601></value>"))
                .isEqualTo(LocalDateTime.of(2026, 11, 23, 14, 21));
        assertThat((byte[]) value("<value><base64>AAEC\n/w==</base64></value>")).containsExactly(0, 1, 2, 0xFF);
    }

    @Test
    void depthUpToTheCapIsAccepted() {
        XmlRpcReader shallow = new XmlRpcReader(new XmlRpcLimits(1 << 20, 3));
        String three = "<array><data><value>".repeat(3) + "x" + "</value></data></array>".repeat(3);
        String four = "<array><data><value>".repeat(4) + "x" + "</value></data></array>".repeat(4);

        assertThat(shallow.readResponse(bytes(wrap("<value>" + three + "</value>"))).value()).isEqualTo(List.of(List.of(List.of("x"))));
        assertThatThrownBy(() -> shallow.readResponse(bytes(wrap("<value>" + four + "</value>"))))
                .isInstanceOf(XmlRpcException.class).hasMessage("XML-RPC value nested deeper than 3 levels");
    }

    // ---- malformed and hostile input -----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "not xml at all",
        "<methodResponse><params><param><value><int>1</int></value>",                         // cut off
        "<methodResponse><params><param><value><int>1</int></value></param></params></methodResponse><x/>", // trailing element
        "<methodResponse><params><param><value><int>1</int></value></param><param><value><int>2</int></value></param></params></methodResponse>",
        "<methodCall><methodName>x</methodName></methodCall>",                               // wrong root
        "<methodResponse><nothing/></methodResponse>",
        "<methodResponse><params><param><value><float>1.0</float></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><int>12a</int></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><boolean>2</boolean></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><dateTime.iso8601>yesterday</dateTime.iso8601></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><struct><member><value>1</value></member></struct></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><struct>text<member><name>a</name><value>1</value></member></struct></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><int><b>1</b></int></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><string>&nbsp;</string></value></param></params></methodResponse>",
        "<methodResponse><fault><value><struct><member><name>faultString</name><value>x</value></member></struct></value></fault></methodResponse>",
        "<methodResponse><params><param><value><string>unclosed</value></param></params></methodResponse>"
    })
    void malformedResponsesAreRefused(String body) {
        assertThatThrownBy(() -> READER.readResponse(bytes(body))).isInstanceOf(XmlRpcException.class).hasMessageNotContaining("null");
    }

    @Test
    void doctypeIsRefusedSoNoEntityIsEverExpanded() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE methodResponse [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                + wrap("<value><string>&xxe;</string></value>").substring("<?xml version=\"1.0\"?>".length());
        String internal = "<!DOCTYPE methodResponse [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<methodResponse><params><param><value><string>&b;</string></value></param></params></methodResponse>";

        assertThatThrownBy(() -> READER.readResponse(bytes(xxe))).isInstanceOf(XmlRpcException.class).hasMessage("DOCTYPE is not allowed in XML-RPC");
        assertThatThrownBy(() -> READER.readResponse(bytes(internal))).isInstanceOf(XmlRpcException.class).hasMessage("DOCTYPE is not allowed in XML-RPC");
        assertThatThrownBy(() -> READER.readCall(bytes(internal.replace("methodResponse", "methodCall"))))
                .isInstanceOf(XmlRpcException.class).hasMessage("DOCTYPE is not allowed in XML-RPC");
    }

    @Test
    void byteCapStopsALongMessage() {
        XmlRpcReader small = new XmlRpcReader(new XmlRpcLimits(1024, 64));
        String big = wrap("<value><string>" + "A".repeat(2000) + "</string></value>");

        assertThatThrownBy(() -> small.readResponse(bytes(big))).isInstanceOf(XmlRpcException.class)
                .hasMessage("XML-RPC message larger than 1024 bytes");
        assertThat(small.readResponse(bytes(wrap("<value><string>" + "A".repeat(500) + "</string></value>"))).value())
                .isEqualTo("A".repeat(500));
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = bytes(wrap("<value><string>caf#</string></value>"));
        int at = new String(body, StandardCharsets.ISO_8859_1).indexOf('#');
        body[at] = (byte) 0xC3; // a lead byte followed by '<', not a continuation byte

        assertThatThrownBy(() -> READER.readResponse(body)).isInstanceOf(XmlRpcException.class)
                .hasMessageContaining("malformed XML-RPC message").hasMessageContaining("UTF-8");
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new XmlRpcLimits(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new XmlRpcLimits(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    static Object value(String valueXml) {
        XmlRpcResponse r = READER.readResponse(bytes(wrap(valueXml)));
        assertThat(r.isFault()).isFalse();
        return r.value();
    }

    static String wrap(String valueXml) {
        return "<?xml version=\"1.0\"?><methodResponse><params><param>" + valueXml + "</param></params></methodResponse>";
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static XmlRpcResponse readCapture(String name) {
        try {
            return READER.readResponse(Files.readAllBytes(wireDir().resolve(name + ".resp.xml")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path wireDir() {
        return Path.of(System.getProperty("odoohub.wireDir", "../shared/odoo-wire"));
    }
}
