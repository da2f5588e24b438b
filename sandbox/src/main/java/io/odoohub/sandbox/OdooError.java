package io.odoohub.sandbox;

/**
 * An error raised inside a sandbox call, carrying what Odoo would send: the fault code (1 to 4), the Python
 * exception class and the message. Code 1 errors are answered with a traceback ending in {@code type: message}.
 */
final class OdooError extends RuntimeException {

    final int code;
    final String pyType;
    final transient String frames;

    private OdooError(int code, String pyType, String message, String frames) {
        super(message, null, false, false);
        this.code = code;
        this.pyType = pyType;
        this.frames = frames;
    }

    static OdooError user(String message) {
        return new OdooError(2, "odoo.exceptions.UserError", message, null);
    }

    static OdooError validation(String message) {
        return new OdooError(2, "odoo.exceptions.ValidationError", message, null);
    }

    /** MissingError, with the record set printed as Python prints a tuple: res.partner(46,) or res.partner(46, 47). */
    static OdooError missing(String model, java.util.Collection<Integer> ids) {
        StringBuilder sb = new StringBuilder();
        for (Integer id : ids) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(id);
        }
        if (ids.size() == 1) {
            sb.append(',');
        }
        String msg = "Record does not exist or has been deleted.\n(Record: " + model + "(" + sb + "), User: 2)";
        return new OdooError(2, "odoo.exceptions.MissingError", msg, null);
    }

    static OdooError accessDenied() {
        return new OdooError(3, "odoo.exceptions.AccessDenied", "Access Denied", null);
    }

    static OdooError access(String message) {
        return new OdooError(4, "odoo.exceptions.AccessError", message, null);
    }

    /** A fault 1: {@code pyType} is the Python class as printed on the traceback's last line, e.g. ValueError. */
    static OdooError server(String pyType, String message) {
        return new OdooError(1, pyType, message, null);
    }

    static OdooError server(String pyType, String message, String frames) {
        return new OdooError(1, pyType, message, frames);
    }

    /** The short class name Odoo's legacy endpoints print in "warning -- X". */
    String shortType() {
        return pyType.substring(pyType.lastIndexOf('.') + 1);
    }

    /** Python-style traceback text for fault 1. */
    String traceback() {
        return Traceback.format(frames == null ? Traceback.EXECUTE_KW : frames, pyType, getMessage());
    }
}
