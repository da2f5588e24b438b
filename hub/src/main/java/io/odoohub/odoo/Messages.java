package io.odoohub.odoo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/** Reading the component's headers and body shapes, with clear errors for the wrong shape. */
final class Messages {

    private Messages() {
    }

    static List<?> listHeader(Message in, String name) {
        Object v = in.getHeader(name);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException("header " + name + " must be a List, got " + describe(v));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> mapHeader(Message in, String name) {
        Object v = in.getHeader(name);
        if (v == null) {
            return null;
        }
        if (v instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw new IllegalArgumentException("header " + name + " must be a Map, got " + describe(v));
    }

    static List<String> stringList(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof String s) {
            List<String> out = new ArrayList<>();
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(String.valueOf(o));
            }
            return out;
        }
        return null;
    }

    static List<Integer> ids(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Number n) {
            return List.of(n.intValue());
        }
        if (v instanceof List<?> list) {
            List<Integer> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof Number n)) {
                    throw new IllegalArgumentException("ids must be numbers, got " + describe(o));
                }
                out.add(n.intValue());
            }
            return out;
        }
        return null;
    }

    /** The progress of this exchange's batched write, kept across redeliveries of the same exchange. */
    static BatchResult progress(Exchange exchange, int size) {
        BatchResult existing = exchange.getProperty(OdooConstants.PROGRESS_PROPERTY, BatchResult.class);
        if (existing != null && existing.size() == size) {
            return existing;
        }
        BatchResult fresh = new BatchResult(size);
        exchange.setProperty(OdooConstants.PROGRESS_PROPERTY, fresh);
        return fresh;
    }

    static void setBatchResult(Exchange exchange, BatchResult result) {
        exchange.removeProperty(OdooConstants.PROGRESS_PROPERTY);
        Message in = exchange.getMessage();
        in.setHeader(OdooConstants.WRITTEN_COUNT, result.writtenCount());
        in.setHeader(OdooConstants.FAILED_COUNT, result.failedCount());
        in.setHeader(OdooConstants.CALLS, result.calls());
        in.setBody(result);
    }

    static String describe(Object v) {
        return v == null ? "null" : v.getClass().getSimpleName();
    }
}
