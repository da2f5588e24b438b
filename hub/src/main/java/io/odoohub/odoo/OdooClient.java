package io.odoohub.odoo;

import io.odoohub.odoo.fault.OdooTransportException;

import io.odoohub.odoo.fault.OdooFaultException;

import io.odoohub.odoo.transport.OdooTransport;
import io.odoohub.odoo.transport.TransportChoice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Odoo connection (URL, database, login, API key) over a transport. Authenticates lazily, caches the uid, and
 * authenticates again once when Odoo answers AccessDenied (an API key rotated, a session reset). Thread-safe.
 */
public final class OdooClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OdooClient.class);

    private final OdooTransport transport;
    private final String database;
    private final String login;
    private final String secret;
    private final OdooCapabilities capabilities = new OdooCapabilities(this);
    private volatile Integer uid;

    public OdooClient(OdooTransport transport, String database, String login, String secret) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.database = requireText(database, "database");
        this.login = requireText(login, "username");
        this.secret = requireText(secret, "API key or password");
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Odoo " + what + " is not configured");
        }
        return value;
    }

    public String database() {
        return database;
    }

    public String login() {
        return login;
    }

    public Map<String, Object> version() {
        return transport.version();
    }

    /** The protocol spoken to Odoo and why (the server is asked first when the transport chooses by it). */
    public TransportChoice transportChoice() {
        return transport.choice();
    }

    /** The uid, authenticating first when none is cached. */
    public int uid() {
        Integer cached = uid;
        return cached != null ? cached : authenticate();
    }

    /** Authenticates now and caches the uid; a refused login is a permanent {@link OdooFaultException} (code 3). */
    public synchronized int authenticate() {
        Integer result = transport.authenticate(database, login, secret);
        if (result == null) {
            throw new OdooFaultException("authenticate", 3,
                    "Access Denied: Odoo refused login '" + login + "' on database '" + database + "' (wrong login or API key)");
        }
        LOG.info("Authenticated to Odoo database '{}' as '{}' (uid {})", database, login, result);
        uid = result;
        return result;
    }

    /** execute_kw with one re-authentication after AccessDenied. */
    public Object execute(String model, String method, List<?> args, Map<String, ?> kwargs) {
        int current = uid();
        try {
            return transport.executeKw(database, current, secret, model, method, args, kwargs);
        } catch (OdooFaultException e) {
            if (e.getKind() != OdooFaultException.Kind.ACCESS_DENIED) {
                throw e;
            }
            LOG.warn("Odoo answered Access Denied for {}.{}; authenticating again once", model, method);
            synchronized (this) {
                if (Objects.equals(uid, current)) {
                    uid = null;
                }
            }
            return transport.executeKw(database, uid(), secret, model, method, args, kwargs);
        }
    }

    /**
     * Calls a public method; a method that returns None (many {@code action_*}) answers with the "cannot marshal
     * None" fault after committing, which is success here and gives null.
     */
    public Object call(String model, String method, List<?> args, Map<String, ?> kwargs) {
        try {
            return execute(model, method, args, kwargs);
        } catch (OdooFaultException e) {
            if (e.isMarshalNone()) {
                return null;
            }
            throw e;
        }
    }

    /** One page of search_read. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> searchRead(String model, List<?> domain, List<String> fields, String order,
                                                int offset, int limit, Map<String, ?> context) {
        Map<String, Object> kw = new LinkedHashMap<>();
        if (fields != null && !fields.isEmpty()) {
            kw.put("fields", fields);
        }
        if (order != null && !order.isBlank()) {
            kw.put("order", order);
        }
        if (offset > 0) {
            kw.put("offset", offset);
        }
        if (limit > 0) {
            kw.put("limit", limit);
        }
        putContext(kw, context);
        Object result = execute(model, "search_read", List.of(domain == null ? List.of() : domain), kw);
        return (List<Map<String, Object>>) result;
    }

    /** Creates every row in one call; returns the ids in the same order. All or nothing, as in Odoo. */
    @SuppressWarnings("unchecked")
    public List<Integer> create(String model, List<? extends Map<String, ?>> rows, Map<String, ?> context) {
        Map<String, Object> kw = new LinkedHashMap<>();
        putContext(kw, context);
        Object result = execute(model, "create", List.of(rows), kw);
        if (result instanceof List<?> list) {
            return (List<Integer>) list;
        }
        return List.of((Integer) result);
    }

    public boolean write(String model, List<Integer> ids, Map<String, ?> values, Map<String, ?> context) {
        Map<String, Object> kw = new LinkedHashMap<>();
        putContext(kw, context);
        return Boolean.TRUE.equals(execute(model, "write", List.of(ids, values), kw));
    }

    public boolean unlink(String model, List<Integer> ids, Map<String, ?> context) {
        Map<String, Object> kw = new LinkedHashMap<>();
        putContext(kw, context);
        return Boolean.TRUE.equals(execute(model, "unlink", List.of(ids), kw));
    }

    /** Odoo's importer: upserts by the {@code id} column (external id). Bad cells come back as messages, not faults. */
    public LoadResponse load(String model, List<String> fields, List<List<String>> rows, Map<String, ?> context) {
        Map<String, Object> kw = new LinkedHashMap<>();
        putContext(kw, context);
        Object result = execute(model, "load", List.of(fields, rows), kw);
        return LoadResponse.from(result);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Map<String, Object>> fieldsGet(String model, List<String> attributes) {
        Map<String, Object> kw = new LinkedHashMap<>();
        if (attributes != null && !attributes.isEmpty()) {
            kw.put("attributes", attributes);
        }
        return (Map<String, Map<String, Object>>) execute(model, "fields_get", List.of(), kw);
    }

    private static void putContext(Map<String, Object> kw, Map<String, ?> context) {
        if (context != null && !context.isEmpty()) {
            kw.put("context", context);
        }
    }

    /** What this database has (modules, models, fields), read on first question and cached. */
    public OdooCapabilities capabilities() {
        return capabilities;
    }

    public long requestCount() {
        return transport.requestCount();
    }

    @Override
    public void close() {
        transport.close();
    }

    /** The answer of {@code load}: ids (null when Odoo rejected the call) and its messages. */
    public record LoadResponse(List<Integer> ids, List<LoadMessage> messages) {

        @SuppressWarnings("unchecked")
        static LoadResponse from(Object raw) {
            if (!(raw instanceof Map<?, ?> map)) {
                throw new OdooTransportException("load answered " + raw + " instead of a struct", 0, false, null);
            }
            List<Integer> ids = null;
            if (map.get("ids") instanceof List<?> list) {
                ids = new ArrayList<>();
                for (Object o : list) {
                    ids.add(o instanceof Integer i ? i : null);
                }
            }
            List<LoadMessage> messages = new ArrayList<>();
            if (map.get("messages") instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof Map<?, ?> m) {
                        messages.add(LoadMessage.from((Map<String, Object>) m));
                    }
                }
            }
            return new LoadResponse(ids, messages);
        }

        public boolean rejected() {
            return ids == null;
        }
    }

    /**
     * One message of {@code load}. {@code record} is the index of the record in the call (-1 when Odoo did not say),
     * {@code fromRow}/{@code toRow} the rows it spans.
     */
    public record LoadMessage(String type, String message, int record, String field, String fieldName, int fromRow, int toRow) {

        static LoadMessage from(Map<String, Object> m) {
            int from = -1;
            int to = -1;
            if (m.get("rows") instanceof Map<?, ?> rows) {
                from = rows.get("from") instanceof Integer i ? i : -1;
                to = rows.get("to") instanceof Integer i ? i : -1;
            }
            return new LoadMessage(
                    String.valueOf(m.getOrDefault("type", "error")),
                    String.valueOf(m.getOrDefault("message", "")),
                    m.get("record") instanceof Integer i ? i : -1,
                    m.get("field") instanceof String s ? s : null,
                    m.get("field_name") instanceof String s ? s : null,
                    from, to);
        }

        public boolean isError() {
            return "error".equals(type);
        }
    }
}
