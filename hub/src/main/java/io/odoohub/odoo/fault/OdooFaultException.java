package io.odoohub.odoo.fault;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Odoo answered with an error. Codes as XML-RPC's faults (PROTOCOLS.md): 1 any other exception (faultString is the
 * whole Python traceback), 2 UserError and subclasses, 3 AccessDenied, 4 AccessError. A JSON-2 error names the
 * Python class; it is given the code XML-RPC would have sent for that class, so both transports fail alike.
 */
public class OdooFaultException extends OdooException {

    public enum Kind {
        SERVER_ERROR(1), USER_ERROR(2), ACCESS_DENIED(3), ACCESS_ERROR(4), OTHER(-1);

        public final int code;

        Kind(int code) {
            this.code = code;
        }

        public static Kind of(int code) {
            for (Kind k : values()) {
                if (k.code == code) {
                    return k;
                }
            }
            return OTHER;
        }
    }

    /** Last line of a Python traceback: {@code module.Class: message} or {@code Class: message}. */
    private static final Pattern LAST_LINE = Pattern.compile("^([A-Za-z_][\\w.]*(?:Error|Exception|Warning|Denied|Failure|Exit|Interrupt|[A-Z]\\w*)):\\s?(.*)$",
            Pattern.DOTALL);
    private static final String[] RETRYABLE_MARKERS = {
        "serializationfailure", "could not serialize access", "locknotavailable", "deadlockdetected", "deadlock detected",
        "concurrencyerror"
    };
    /** Odoo methods that return None answer with this fault after their transaction was committed. */
    private static final String CANNOT_MARSHAL_NONE = "cannot marshal None unless allow_none is enabled";

    private final int faultCode;
    private final Kind kind;
    private final String odooType;
    private final String odooMessage;
    private final String faultString;

    public OdooFaultException(String operation, int faultCode, String faultString) {
        this(operation, faultCode, faultString, parse(faultCode, faultString));
    }

    private OdooFaultException(String operation, int faultCode, String faultString, String[] typeAndMessage) {
        super(describe(operation, faultCode, typeAndMessage), null);
        this.faultCode = faultCode;
        this.kind = Kind.of(faultCode);
        this.faultString = faultString;
        this.odooType = typeAndMessage[0];
        this.odooMessage = typeAndMessage[1];
    }

    /**
     * A fault whose Python class Odoo named (JSON-2's error body {@code name}, {@code message}, {@code debug}).
     *
     * @param kind      what XML-RPC's fault code would have been for that class
     * @param odooType  the class, e.g. {@code odoo.exceptions.ValidationError} or {@code ValueError} (without "builtins.")
     * @param message   Odoo's message
     * @param traceback the server's traceback, kept as the fault string of a server error (code 1) as XML-RPC does;
     *                  may be null
     */
    public OdooFaultException(String operation, Kind kind, String odooType, String message, String traceback) {
        this(operation, kind.code, faultString(kind, odooType, message, traceback),
                new String[] {odooType, message == null ? "" : message.strip()});
    }

    /** As XML-RPC's: the traceback for a server error (or its last line when there is none), else the message. */
    private static String faultString(Kind kind, String odooType, String message, String traceback) {
        if (kind != Kind.SERVER_ERROR) {
            return message;
        }
        if (traceback != null && !traceback.isBlank()) {
            return traceback;
        }
        return odooType == null ? message : odooType + ": " + message;
    }

    private static String describe(String operation, int code, String[] tm) {
        String prefix = operation == null ? "" : operation + ": ";
        return prefix + "Odoo fault " + code + (tm[0] == null ? "" : " " + tm[0]) + ": " + tm[1];
    }

    /** For fault 1 the exception type and message from the traceback's last line; else (null, faultString). */
    static String[] parse(int code, String faultString) {
        String fs = faultString == null ? "" : faultString;
        if (code != 1) {
            return new String[] {null, fs.strip()};
        }
        String trimmed = fs.strip();
        int cut = trimmed.lastIndexOf('\n');
        // messages can span lines: walk back to the first line that looks like "Type: message"
        String candidate = cut < 0 ? trimmed : trimmed.substring(cut + 1);
        int from = cut;
        while (true) {
            Matcher m = LAST_LINE.matcher(candidate);
            if (m.matches() && !candidate.startsWith(" ")) {
                return new String[] {m.group(1), m.group(2).strip()};
            }
            if (from <= 0) {
                return new String[] {null, trimmed};
            }
            from = trimmed.lastIndexOf('\n', from - 1);
            candidate = trimmed.substring(from + 1);
        }
    }

    public int getFaultCode() {
        return faultCode;
    }

    public Kind getKind() {
        return kind;
    }

    /**
     * For fault 1, the Python exception type from the traceback (e.g. {@code ValueError}); for a JSON-2 error the class
     * Odoo named (e.g. {@code odoo.exceptions.ValidationError}); else null.
     */
    public String getOdooType() {
        return odooType;
    }

    /** Odoo's message, without the traceback. */
    public String getOdooMessage() {
        return odooMessage;
    }

    /**
     * Whether Odoo answered that it has no model of this name: XML-RPC's fault 2 "Object x doesn't exist" (Odoo 17 to 19),
     * or JSON-2's 404 NotFound "the model 'x' does not exist" (Odoo 19).
     */
    public boolean isUnknownModel(String model) {
        String text = (odooMessage == null ? "" : odooMessage) + " " + (faultString == null ? "" : faultString);
        if (text.contains("Object " + model + " doesn't exist")) {
            return true;
        }
        return odooType != null && odooType.endsWith("NotFound") && text.contains("the model '" + model + "' does not exist");
    }

    /** The faultString exactly as sent. */
    public String getFaultString() {
        return faultString;
    }

    /**
     * Lock, serialization and deadlock failures outlived Odoo's own 5 retries, or records were locked (Odoo 18+'s
     * LockError, which only JSON-2 names): worth trying again later.
     */
    @Override
    public boolean isRetryable() {
        if (odooType != null && odooType.endsWith(".LockError")) {
            return true;
        }
        return faultCode == 1 && isTransient(faultString);
    }

    /**
     * Whether a text from Odoo (a fault string, or a message of {@code load}'s answer, where Odoo reports PostgreSQL's
     * errors per record instead of retrying) names a lock, serialization or deadlock failure: a concurrent update, which
     * the same call overcomes later.
     */
    public static boolean isTransient(String text) {
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String marker : RETRYABLE_MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** The fault of a method that returned None: its work was committed, so the call succeeded. */
    public boolean isMarshalNone() {
        return faultCode == 1 && faultString != null && faultString.contains(CANNOT_MARSHAL_NONE);
    }
}
