package io.odoohub.xmlrpc;

/**
 * Caps applied while parsing, so that a hostile or broken peer cannot exhaust memory or stack.
 *
 * @param maxBytes  the most bytes read from one message
 * @param maxDepth  the deepest nesting of arrays and structs
 */
public record XmlRpcLimits(long maxBytes, int maxDepth) {

    public static final XmlRpcLimits DEFAULT = new XmlRpcLimits(32L * 1024 * 1024, 64);

    public XmlRpcLimits {
        if (maxBytes <= 0 || maxDepth <= 0) {
            throw new IllegalArgumentException("XML-RPC limits must be positive: maxBytes=" + maxBytes + ", maxDepth=" + maxDepth);
        }
    }
}
