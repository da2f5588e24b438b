package io.odoohub.xmlrpc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes XML-RPC messages in the layout Python's {@code xmlrpc.client} (and so Odoo) uses.
 *
 * <p>Java to XML-RPC: Integer/Short/Byte -> int; Long -> int when it fits, else i8; Float/Double/BigDecimal -> double;
 * Boolean -> boolean; CharSequence/Enum -> string; byte[] -> base64; LocalDateTime/OffsetDateTime/Instant ->
 * dateTime.iso8601 (UTC); LocalDate -> string {@code YYYY-MM-DD} (as Odoo reads dates); Map -> struct;
 * Collection/Object[] -> array; null -> nil (Odoo accepts it in requests and empties the field).
 */
public final class XmlRpcWriter {

    private static final DateTimeFormatter ISO8601 = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss");

    private XmlRpcWriter() {
    }

    public static byte[] call(String methodName, List<?> params) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version=\"1.0\"?>\n<methodCall>\n<methodName>");
        escape(sb, methodName);
        sb.append("</methodName>\n<params>\n");
        for (Object p : params) {
            sb.append("<param>\n");
            value(sb, p);
            sb.append("</param>\n");
        }
        sb.append("</params>\n</methodCall>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] response(Object value) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version=\"1.0\"?>\n<methodResponse>\n<params>\n<param>\n");
        value(sb, value);
        sb.append("</param>\n</params>\n</methodResponse>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] fault(Object faultCode, String faultString) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("<?xml version=\"1.0\"?>\n<methodResponse>\n<fault>\n");
        // ordered as Python writes it: Map.of would iterate in a per-JVM random order
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("faultCode", faultCode);
        fault.put("faultString", faultString == null ? "" : faultString);
        value(sb, fault);
        sb.append("</fault>\n</methodResponse>\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void value(StringBuilder sb, Object v) {
        if (v instanceof Object[] arr) {
            v = Arrays.asList(arr);
        }
        sb.append("<value>");
        if (v == null) {
            sb.append("<nil/>");
        } else if (v instanceof Boolean b) {
            sb.append("<boolean>").append(b ? '1' : '0').append("</boolean>");
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            sb.append("<int>").append(((Number) v).intValue()).append("</int>");
        } else if (v instanceof Long l) {
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
                sb.append("<int>").append(l).append("</int>");
            } else {
                sb.append("<i8>").append(l).append("</i8>");
            }
        } else if (v instanceof BigInteger bi) {
            sb.append("<i8>").append(bi.longValueExact()).append("</i8>");
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new XmlRpcException("XML-RPC cannot carry the double " + d);
            }
            sb.append("<double>").append(d).append("</double>");
        } else if (v instanceof BigDecimal bd) {
            sb.append("<double>").append(bd.toPlainString()).append("</double>");
        } else if (v instanceof CharSequence || v instanceof Enum<?> || v instanceof Character) {
            sb.append("<string>");
            escape(sb, v.toString());
            sb.append("</string>");
        } else if (v instanceof byte[] bytes) {
            sb.append("<base64>").append(Base64.getEncoder().encodeToString(bytes)).append("</base64>");
        } else if (v instanceof LocalDateTime ldt) {
            sb.append("<dateTime.iso8601>").append(ISO8601.format(ldt)).append("</dateTime.iso8601>");
        } else if (v instanceof OffsetDateTime odt) {
            sb.append("<dateTime.iso8601>").append(ISO8601.format(odt.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()))
                    .append("</dateTime.iso8601>");
        } else if (v instanceof Instant instant) {
            sb.append("<dateTime.iso8601>").append(ISO8601.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC)))
                    .append("</dateTime.iso8601>");
        } else if (v instanceof LocalDate date) {
            sb.append("<string>").append(date).append("</string>");
        } else if (v instanceof Map<?, ?> map) {
            sb.append("<struct>\n");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append("<member>\n<name>");
                escape(sb, String.valueOf(e.getKey()));
                sb.append("</name>\n");
                value(sb, e.getValue());
                sb.append("</member>\n");
            }
            sb.append("</struct>");
        } else if (v instanceof Collection<?> c) {
            sb.append("<array><data>\n");
            for (Object item : c) {
                value(sb, item);
            }
            sb.append("</data></array>");
        } else {
            throw new XmlRpcException("XML-RPC cannot carry a " + v.getClass().getName());
        }
        sb.append("</value>\n");
    }

    /** Escapes as Python does (&amp; &lt; &gt;) and refuses characters XML 1.0 cannot hold. */
    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '\r' -> sb.append("&#13;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' || c == 0xFFFE || c == 0xFFFF) {
                        throw new XmlRpcException(String.format("XML-RPC cannot carry the character U+%04X", (int) c));
                    }
                    sb.append(c);
                }
            }
        }
    }
}
