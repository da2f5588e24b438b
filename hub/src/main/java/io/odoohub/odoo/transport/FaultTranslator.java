package io.odoohub.odoo.transport;

import io.odoohub.odoo.fault.OdooFaultException;
import io.odoohub.xmlrpc.XmlRpcFault;

/**
 * Turns Odoo's errors into {@link OdooFaultException}s of one classification for both transports: the XML-RPC fault
 * code, or for a JSON-2 error the code XML-RPC sends for the class it names (2 UserError and subclasses, 3
 * AccessDenied and a refused API key, 4 AccessError, 1 anything else, with the traceback).
 *
 * <p>XML-RPC: an int code. {@code /xmlrpc/2} sends int codes;
 * the legacy {@code /xmlrpc} endpoints (Odoo's {@code xmlrpc_handle_exception_string}) send string codes:
 * {@code "AccessDenied"}, {@code "warning -- <Class>\n\n<message>"} with an empty faultString, or, for any other
 * exception, the exception's text with the traceback as faultString.
 */
final class FaultTranslator {

    private static final String WARNING = "warning -- ";

    private FaultTranslator() {
    }

    /**
     * A JSON-2 error answer. Odoo's JSON-2 dispatcher answers a UserError (and subclasses) with the class's
     * {@code http_status} (422, AccessDenied/AccessError 403, MissingError 404, LockError 409), a Werkzeug HTTP error
     * with its code (NotFound 404 for an unknown model or method, UnprocessableEntity 422 for bad arguments,
     * Unauthorized 401), and anything else with 500 and the traceback in {@code debug}.
     *
     * @param status  the HTTP status
     * @param name    the body's {@code name}: the Python class, e.g. {@code odoo.exceptions.ValidationError}
     * @param message the body's {@code message}
     * @param debug   the body's {@code debug}: the traceback (may be null)
     */
    static OdooFaultException translate(String operation, int status, String name, String message, String debug) {
        String type = name == null || name.isBlank() ? null : name.startsWith("builtins.") ? name.substring("builtins.".length()) : name;
        String simple = type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
        String text = message == null ? "" : message;
        if (status == 401 || simple.equals("AccessDenied")) {
            return new OdooFaultException(operation, OdooFaultException.Kind.ACCESS_DENIED, type,
                    status == 401 ? "Odoo refused the API key (HTTP 401: " + text + "): set a valid API key of the hub's Odoo user"
                            + " in hub.odoo.api-key (ODOO_API_KEY)" : text, debug);
        }
        if (simple.equals("AccessError")) {
            return new OdooFaultException(operation, OdooFaultException.Kind.ACCESS_ERROR, type, text, debug);
        }
        boolean userError = status != 500 && type != null && !type.startsWith("werkzeug.");
        return new OdooFaultException(operation, userError ? OdooFaultException.Kind.USER_ERROR : OdooFaultException.Kind.SERVER_ERROR,
                type, text, debug);
    }

    static OdooFaultException translate(String operation, XmlRpcFault fault) {
        Object code = fault.faultCode();
        String faultString = fault.faultString() == null ? "" : fault.faultString();
        if (code instanceof Number n) {
            return new OdooFaultException(operation, n.intValue(), faultString);
        }
        String text = code == null ? "" : code.toString();
        if (text.strip().matches("-?\\d{1,9}")) {
            return new OdooFaultException(operation, Integer.parseInt(text.strip()), faultString);
        }
        if (text.equals("AccessDenied")) {
            return new OdooFaultException(operation, OdooFaultException.Kind.ACCESS_DENIED.code,
                    faultString.isEmpty() ? "Access Denied" : faultString);
        }
        if (text.startsWith(WARNING)) {
            int cut = text.indexOf("\n\n");
            String type = (cut < 0 ? text.substring(WARNING.length()) : text.substring(WARNING.length(), cut)).strip();
            String message = cut < 0 ? "" : text.substring(cut + 2);
            if (message.isBlank()) {
                message = faultString;
            }
            int kind = "AccessError".equals(type) ? OdooFaultException.Kind.ACCESS_ERROR.code : OdooFaultException.Kind.USER_ERROR.code;
            return new OdooFaultException(operation, kind, message);
        }
        // any other exception: the code is its text, the faultString its traceback (whose last line names the type)
        return new OdooFaultException(operation, OdooFaultException.Kind.SERVER_ERROR.code, faultString.isBlank() ? text : faultString);
    }
}
