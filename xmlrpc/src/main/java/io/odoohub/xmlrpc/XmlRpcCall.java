package io.odoohub.xmlrpc;

import java.util.List;

/** A parsed {@code <methodCall>}. */
public record XmlRpcCall(String methodName, List<Object> params) {
}
