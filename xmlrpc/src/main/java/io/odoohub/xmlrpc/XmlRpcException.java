package io.odoohub.xmlrpc;

/** The bytes on the wire are not an XML-RPC message we accept (malformed, too large, too deep, DOCTYPE). */
public class XmlRpcException extends RuntimeException {
    public XmlRpcException(String message) {
        super(message);
    }

    public XmlRpcException(String message, Throwable cause) {
        super(message, cause);
    }
}
