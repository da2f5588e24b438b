package io.odoohub.xmlrpc;

/**
 * A {@code <fault>} answer. Odoo's {@code /xmlrpc/2} endpoints send an int code (1 to 4); the legacy
 * endpoints send a string code such as {@code "warning -- UserError\n\n<msg>"}, so the code is kept as sent.
 */
public record XmlRpcFault(Object faultCode, String faultString) {

    /** The code as an int, or -1 when the server sent a string code (legacy endpoints). */
    public int code() {
        return faultCode instanceof Integer i ? i : -1;
    }
}
