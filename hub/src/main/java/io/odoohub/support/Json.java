package io.odoohub.support;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The hub's JSON mappers, one per kind of input, each with its read limits (Jackson's {@code StreamReadConstraints})
 * named here rather than in the class that reads. What comes from outside (webhook bodies, API requests, source APIs'
 * answers, uploaded files) is read with limits, so a body nested too deep or carrying a huge string is refused while it
 * is read. The bounded mappers also cap a number at 100 digits.
 *
 * <p>The mappers are shared: use them as they are, never reconfigure one (a mapper with other settings is made with
 * {@link #mapper}). Jackson's mappers are safe to share between threads once configured.
 */
public final class Json {

    /** Digits a number may have in any bounded mapper. */
    public static final int MAX_NUMBER_LENGTH = 100;

    /**
     * JSON the hub writes and reads back itself (its own tables' JSON columns, nodes it builds, bodies it sends) and
     * the operator's mapping files: Jackson's default limits (nesting 1000, strings 20,000,000 characters, numbers
     * 1000 digits, any document size).
     */
    public static final ObjectMapper INTERNAL = new ObjectMapper();

    /**
     * Management API request bodies, small documents: nesting 32, strings 1,000,000 characters. Unknown properties are
     * ignored and dates are written as ISO strings, not timestamps.
     */
    public static final ObjectMapper API = mapper(32, 1_000_000);

    static {
        API.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        API.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Catalog webhook bodies (one product's fields): nesting 16, strings 1,000,000 characters. */
    public static final ObjectMapper CATALOG_WEBHOOK = mapper(16, 1_000_000);

    /** Catalog product files in JSON (ProductFileParser): nesting 32, strings 1,000,000 characters. */
    public static final ObjectMapper PRODUCT_FILE = mapper(32, 1_000_000);

    /** Shopify webhook bodies and the events the apply flow reads back from the inbox: nesting 20, strings 1,000,000 characters. */
    public static final ObjectMapper SHOPIFY_WEBHOOK = mapper(20, 1_000_000);

    /**
     * Shopify Admin GraphQL answers (pages of products or orders with their connections, so deeper and larger than a
     * webhook): nesting 64, strings 20,000,000 characters.
     */
    public static final ObjectMapper SHOPIFY_ADMIN = mapper(64, 20_000_000);

    /** Pardot API answers, its callbacks and the prospects kept in the inbox: nesting 32, strings 5,000,000 characters. */
    public static final ObjectMapper PARDOT = mapper(32, 5_000_000);

    private Json() {
    }

    /**
     * A new mapper that refuses nesting deeper than {@code maxDepth}, strings longer than {@code maxString} characters
     * and numbers longer than {@value #MAX_NUMBER_LENGTH} digits.
     */
    public static ObjectMapper mapper(int maxDepth, int maxString) {
        return mapper(maxDepth, maxString, -1);
    }

    /** The same, and documents longer than {@code maxDocument} bytes, refused as soon as the parser reads past it (-1: any). */
    public static ObjectMapper mapper(int maxDepth, int maxString, long maxDocument) {
        ObjectMapper json = JsonMapper.builder().build();
        json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).maxStringLength(maxString)
                .maxNumberLength(MAX_NUMBER_LENGTH).maxDocumentLength(maxDocument).build());
        return json;
    }
}
