package io.odoohub.xmlrpc;

/** A parsed {@code <methodResponse>}: either a value or a fault. */
public record XmlRpcResponse(Object value, XmlRpcFault fault) {

    public static XmlRpcResponse ofValue(Object value) {
        return new XmlRpcResponse(value, null);
    }

    public static XmlRpcResponse ofFault(XmlRpcFault fault) {
        return new XmlRpcResponse(null, fault);
    }

    public boolean isFault() {
        return fault != null;
    }
}
