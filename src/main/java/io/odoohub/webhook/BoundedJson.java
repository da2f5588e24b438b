package io.odoohub.webhook;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JSON mappers for what comes from outside (webhook bodies, API requests, source APIs' answers): Jackson's read
 * limits set, so a body nested too deep or carrying a huge string is refused while it is read.
 */
public final class BoundedJson {

    private BoundedJson() {
    }

    /** A mapper that refuses nesting deeper than {@code maxDepth} and strings longer than {@code maxString} characters. */
    public static ObjectMapper mapper(int maxDepth, int maxString) {
        return mapper(maxDepth, maxString, -1);
    }

    /** The same, and documents longer than {@code maxDocument} bytes, refused as soon as the parser reads past it (-1: any). */
    public static ObjectMapper mapper(int maxDepth, int maxString, long maxDocument) {
        ObjectMapper json = JsonMapper.builder().build();
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).maxStringLength(maxString)
                .maxNumberLength(100).maxDocumentLength(maxDocument).build());
        return json;
    }
}
