package io.odoohub.odoo;

import org.apache.camel.spi.Metadata;

/** Header names of the {@code odoo:} component. Inbound HTTP routes never let a client set these. */
public final class OdooConstants {

    @Metadata(label = "producer", description = "Domain for search_read, e.g. [[\"active\",\"=\",true]]", javaType = "java.util.List")
    public static final String DOMAIN = "OdooDomain";
    @Metadata(label = "producer", description = "Fields to read (overrides the fields option)", javaType = "java.util.List")
    public static final String FIELDS = "OdooFields";
    @Metadata(label = "producer", description = "Order for search_read, e.g. \"write_date asc, id asc\"", javaType = "String")
    public static final String ORDER = "OdooOrder";
    @Metadata(label = "producer", description = "Most records search_read returns (0 = all)", javaType = "Integer")
    public static final String LIMIT = "OdooLimit";
    @Metadata(label = "producer", description = "Record ids for write, unlink and call", javaType = "java.util.List")
    public static final String IDS = "OdooIds";
    @Metadata(label = "producer", description = "Method for the call operation (overrides the method option)", javaType = "String")
    public static final String METHOD = "OdooMethod";
    @Metadata(label = "producer", description = "Keyword arguments for the call operation", javaType = "java.util.Map")
    public static final String KWARGS = "OdooKwargs";
    @Metadata(label = "producer", description = "Odoo context (lang, tz, active_test, tracking_disable...)", javaType = "java.util.Map")
    public static final String CONTEXT = "OdooContext";
    @Metadata(label = "producer", description = "Column names for load when the body is a list of LoadRecord", javaType = "java.util.List")
    public static final String LOAD_FIELDS = "OdooLoadFields";
    @Metadata(label = "producer", description = "Records written by create or load", javaType = "Integer")
    public static final String WRITTEN_COUNT = "OdooWrittenCount";
    @Metadata(label = "producer", description = "Records Odoo refused in create or load (see the BatchResult body)", javaType = "Integer")
    public static final String FAILED_COUNT = "OdooFailedCount";
    @Metadata(label = "producer", description = "Odoo calls the operation made", javaType = "Integer")
    public static final String CALLS = "OdooCalls";

    /** Exchange property holding the progress of a batched write, so a redelivery resumes rather than repeats. */
    public static final String PROGRESS_PROPERTY = "OdooBatchProgress";

    private OdooConstants() {
    }
}
