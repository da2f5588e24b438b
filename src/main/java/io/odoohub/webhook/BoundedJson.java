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
        ObjectMapper json = JsonMapper.builder().build();
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).maxStringLength(maxString)
                .maxNumberLength(100).build());
        return json;
    }
}
