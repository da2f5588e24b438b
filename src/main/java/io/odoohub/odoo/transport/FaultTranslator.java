package io.odoohub.odoo.transport;

import io.odoohub.odoo.OdooFaultException;
import io.odoohub.xmlrpc.XmlRpcFault;

/**
 * Turns an XML-RPC fault into an {@link OdooFaultException} with an int code. {@code /xmlrpc/2} sends int codes;
 * the legacy {@code /xmlrpc} endpoints (Odoo's {@code xmlrpc_handle_exception_string}) send string codes:
 * {@code "AccessDenied"}, {@code "warning -- <Class>\n\n<message>"} with an empty faultString, or, for any other
 * exception, the exception's text with the traceback as faultString.
 */
final class FaultTranslator {

    private static final String WARNING = "warning -- ";

    private FaultTranslator() {
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
