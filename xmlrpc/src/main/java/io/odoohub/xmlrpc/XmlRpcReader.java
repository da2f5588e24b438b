package io.odoohub.xmlrpc;

import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses XML-RPC messages with StAX under {@link XmlRpcLimits}: DOCTYPE is refused (no entity can be declared,
 * so neither XXE nor entity expansion is possible), nesting is capped, and no more than {@code maxBytes} are read.
 *
 * <p>XML-RPC to Java: int/i4 -> Integer (Long if it does not fit); i8 -> Long; boolean -> Boolean; string or
 * untyped -> String; double -> Double; dateTime.iso8601 -> LocalDateTime; base64 -> byte[]; nil -> null;
 * struct -> LinkedHashMap; array -> ArrayList.
 */
public final class XmlRpcReader {

    private static final XMLInputFactory FACTORY = newFactory();
    private static final DateTimeFormatter ISO8601 = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss");

    private final XmlRpcLimits limits;

    public XmlRpcReader(XmlRpcLimits limits) {
        this.limits = limits;
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    public XmlRpcResponse readResponse(byte[] body) {
        return readResponse(new ByteArrayInputStream(body));
    }

    /** Reads a {@code <methodResponse>}. The stream is read no further than the byte cap. */
    public XmlRpcResponse readResponse(InputStream in) {
        return parse(in, r -> {
            expectStart(r, "methodResponse");
            String next = nextStart(r);
            if ("fault".equals(next)) {
                expectStart(r, "value");
                Object v = readValueBody(r, 0);
                if (!(v instanceof Map<?, ?> m) || !m.containsKey("faultCode")) {
                    throw new XmlRpcException("XML-RPC fault without faultCode");
                }
                Object fs = m.get("faultString");
                expectEnd(r, "fault");
                expectEndOfMessage(r, "methodResponse");
                return XmlRpcResponse.ofFault(new XmlRpcFault(m.get("faultCode"), fs == null ? "" : fs.toString()));
            }
            if (!"params".equals(next)) {
                throw new XmlRpcException("expected <params> or <fault> in <methodResponse>, found <" + next + ">");
            }
            expectStart(r, "param");
            expectStart(r, "value");
            Object value = readValueBody(r, 0);
            expectEnd(r, "param");
            expectEnd(r, "params");
            expectEndOfMessage(r, "methodResponse");
            return XmlRpcResponse.ofValue(value);
        });
    }

    public XmlRpcCall readCall(byte[] body) {
        return readCall(new ByteArrayInputStream(body));
    }

    /** Reads a {@code <methodCall>}; a missing {@code <params>} means no parameters. */
    public XmlRpcCall readCall(InputStream in) {
        return parse(in, r -> {
            expectStart(r, "methodCall");
            expectStart(r, "methodName");
            String method = readText(r).trim();
            List<Object> params = new ArrayList<>();
            int ev = nextTag(r);
            if (ev == XMLStreamConstants.START_ELEMENT) {
                if (!"params".equals(r.getLocalName())) {
                    throw new XmlRpcException("expected <params>, found <" + r.getLocalName() + ">");
                }
                while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
                    requireName(r, "param");
                    expectStart(r, "value");
                    params.add(readValueBody(r, 0));
                    expectEnd(r, "param");
                }
                expectEndOfMessage(r, "methodCall");
            } else {
                requireName(r, "methodCall");
                expectEndOfDocument(r);
            }
            return new XmlRpcCall(method, params);
        });
    }

    private interface Body<T> {
        T read(XMLStreamReader r) throws XMLStreamException;
    }

    private <T> T parse(InputStream in, Body<T> body) {
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new CappedInputStream(in, limits.maxBytes()));
            return body.read(r);
        } catch (XMLStreamException | RuntimeException e) {
            throw translate(e);
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing more to release
                }
            }
        }
    }

    private static RuntimeException translate(Exception e) {
        for (Throwable t = e; t != null; t = causeOf(t)) {
            if (t instanceof XmlRpcException x) {
                return x;
            }
            if (t instanceof CapExceededException cap) {
                return new XmlRpcException(cap.getMessage(), e);
            }
            if (t instanceof CharConversionException bad) {
                // bytes that are not valid in the declared encoding: the message is malformed, the stream is fine
                return new XmlRpcException("malformed XML-RPC message: " + bad.getMessage(), e);
            }
            if (t instanceof IOException io && !(t.getCause() == null && e == t)) {
                // an I/O failure below the parser (timeout, reset): keep it as the cause
                return new XmlRpcException("reading XML-RPC message failed: " + io, io);
            }
        }
        return new XmlRpcException("malformed XML-RPC message: " + e.getMessage(), e);
    }

    /** The JDK's StAX parser keeps the I/O exception under a stream error as its nested exception, not its cause. */
    private static Throwable causeOf(Throwable t) {
        if (t.getCause() != null) {
            return t.getCause();
        }
        return t instanceof XMLStreamException x && x.getNestedException() != t ? x.getNestedException() : null;
    }

    /** Reads the content of a {@code <value>} whose start tag was just consumed, up to and including its end tag. */
    private Object readValueBody(XMLStreamReader r, int depth) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                        appendCapped(text, r);
                case XMLStreamConstants.END_ELEMENT -> {
                    return text.toString(); // untyped value is a string
                }
                case XMLStreamConstants.START_ELEMENT -> {
                    Object v = readTyped(r, depth);
                    expectEnd(r, "value");
                    return v;
                }
                case XMLStreamConstants.DTD -> throw new XmlRpcException("DOCTYPE is not allowed in XML-RPC");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new XmlRpcException("entity reference &" + r.getLocalName() + "; is not allowed");
                case XMLStreamConstants.END_DOCUMENT -> throw new XmlRpcException("truncated XML-RPC message");
                default -> {
                    // comments and processing instructions carry nothing
                }
            }
        }
    }

    private Object readTyped(XMLStreamReader r, int depth) throws XMLStreamException {
        String type = r.getLocalName();
        switch (type) {
            case "struct" -> {
                checkDepth(depth + 1);
                Map<String, Object> map = new LinkedHashMap<>();
                while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
                    requireName(r, "member");
                    String name = null;
                    Object value = null;
                    boolean hasValue = false;
                    while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
                        if ("name".equals(r.getLocalName())) {
                            name = readText(r);
                        } else if ("value".equals(r.getLocalName())) {
                            value = readValueBody(r, depth + 1);
                            hasValue = true;
                        } else {
                            throw new XmlRpcException("unexpected <" + r.getLocalName() + "> in <member>");
                        }
                    }
                    if (name == null || !hasValue) {
                        throw new XmlRpcException("struct member without name or value");
                    }
                    map.put(name, value);
                }
                return map;
            }
            case "array" -> {
                checkDepth(depth + 1);
                List<Object> list = new ArrayList<>();
                if (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
                    requireName(r, "data");
                    while (nextTag(r) == XMLStreamConstants.START_ELEMENT) {
                        requireName(r, "value");
                        list.add(readValueBody(r, depth + 1));
                    }
                    expectEnd(r, "array");
                }
                return list;
            }
            case "nil" -> {
                readText(r);
                return null;
            }
            default -> {
                String s = readText(r);
                return scalar(type, s);
            }
        }
    }

    private static Object scalar(String type, String s) {
        try {
            return switch (type) {
                case "string" -> s;
                case "int", "i4" -> {
                    long l = Long.parseLong(s.trim());
                    yield l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE ? (Object) (int) l : (Object) l;
                }
                case "i8" -> Long.parseLong(s.trim());
                case "boolean" -> switch (s.trim()) {
                    case "1" -> Boolean.TRUE;
                    case "0" -> Boolean.FALSE;
                    default -> throw new XmlRpcException("bad XML-RPC boolean: " + preview(s, 40));
                };
                case "double" -> Double.parseDouble(s.trim());
                case "dateTime.iso8601" -> parseDateTime(s.trim());
                case "base64" -> Base64.getMimeDecoder().decode(s.trim());
                default -> throw new XmlRpcException("unknown XML-RPC type <" + type + ">");
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new XmlRpcException("bad XML-RPC " + type + ": " + preview(s, 40), e);
        }
    }

    private static LocalDateTime parseDateTime(String s) {
        if (s.length() > 8 && s.charAt(4) == '-') {
            return LocalDateTime.parse(s.length() > 19 ? s.substring(0, 19) : s);
        }
        return LocalDateTime.parse(s.length() > 17 ? s.substring(0, 17) : s, ISO8601);
    }

    private void checkDepth(int depth) {
        if (depth > limits.maxDepth()) {
            throw new XmlRpcException("XML-RPC value nested deeper than " + limits.maxDepth() + " levels");
        }
    }

    /** Text content of the current element up to its end tag; a nested element is an error. */
    private static String readText(XMLStreamReader r) throws XMLStreamException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> appendCapped(sb, r);
                case XMLStreamConstants.END_ELEMENT -> {
                    return sb.toString();
                }
                case XMLStreamConstants.START_ELEMENT ->
                        throw new XmlRpcException("unexpected <" + r.getLocalName() + "> inside a scalar");
                case XMLStreamConstants.DTD -> throw new XmlRpcException("DOCTYPE is not allowed in XML-RPC");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new XmlRpcException("entity reference &" + r.getLocalName() + "; is not allowed");
                case XMLStreamConstants.END_DOCUMENT -> throw new XmlRpcException("truncated XML-RPC message");
                default -> {
                }
            }
        }
    }

    private static void appendCapped(StringBuilder sb, XMLStreamReader r) {
        sb.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
    }

    /** Next start or end tag, skipping white space and comments; returns the event. */
    private static int nextTag(XMLStreamReader r) throws XMLStreamException {
        while (true) {
            int ev = r.next();
            switch (ev) {
                case XMLStreamConstants.START_ELEMENT, XMLStreamConstants.END_ELEMENT -> {
                    return ev;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.SPACE, XMLStreamConstants.CDATA -> {
                    if (!r.isWhiteSpace()) {
                        throw new XmlRpcException("unexpected text in XML-RPC structure: "
                                + preview(new String(r.getTextCharacters(), r.getTextStart(), r.getTextLength()), 40));
                    }
                }
                case XMLStreamConstants.DTD -> throw new XmlRpcException("DOCTYPE is not allowed in XML-RPC");
                case XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new XmlRpcException("entity reference &" + r.getLocalName() + "; is not allowed");
                case XMLStreamConstants.END_DOCUMENT -> throw new XmlRpcException("truncated XML-RPC message");
                default -> {
                }
            }
        }
    }

    private static String nextStart(XMLStreamReader r) throws XMLStreamException {
        if (nextTag(r) != XMLStreamConstants.START_ELEMENT) {
            throw new XmlRpcException("unexpected end tag </" + r.getLocalName() + ">");
        }
        return r.getLocalName();
    }

    private static void expectStart(XMLStreamReader r, String name) throws XMLStreamException {
        String found = nextStart(r);
        if (!name.equals(found)) {
            throw new XmlRpcException("expected <" + name + ">, found <" + found + ">");
        }
    }

    private static void requireName(XMLStreamReader r, String name) {
        if (!name.equals(r.getLocalName())) {
            throw new XmlRpcException("expected <" + name + ">, found <" + r.getLocalName() + ">");
        }
    }

    private static void expectEnd(XMLStreamReader r, String name) throws XMLStreamException {
        if (nextTag(r) != XMLStreamConstants.END_ELEMENT || !name.equals(r.getLocalName())) {
            throw new XmlRpcException("expected </" + name + ">, found <" + r.getLocalName() + ">");
        }
    }

    /** The root's end tag, then nothing but white space, comments or processing instructions: no cut or doubled message. */
    private static void expectEndOfMessage(XMLStreamReader r, String root) throws XMLStreamException {
        expectEnd(r, root);
        expectEndOfDocument(r);
    }

    private static void expectEndOfDocument(XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT || ev == XMLStreamConstants.CHARACTERS && !r.isWhiteSpace()) {
                throw new XmlRpcException("unexpected content after the end of the XML-RPC message");
            }
        }
    }

    /** Thrown below the parser when a message exceeds its byte cap. */
    static final class CapExceededException extends IOException {
        CapExceededException(String message) {
            super(message);
        }
    }

    private static final class CappedInputStream extends FilterInputStream {
        private final long max;
        private long count;

        CappedInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(long n) throws CapExceededException {
            count += n;
            if (count > max) {
                throw new CapExceededException("XML-RPC message larger than " + max + " bytes");
            }
        }
    }

    /** {@code s} when it has at most {@code max} characters, else its first {@code max} and "..." (as support.Text.preview). */
    private static String preview(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
