package io.odoohub.odoo;

/** What an {@code odoo:} endpoint does. Named as Odoo names the methods. */
public enum OdooOperation {
    /** Reads every record matching the domain, page by page. */
    search_read,
    /** Creates a list of records, batched; a refused batch is split to isolate bad rows. */
    create,
    /** Writes the same values to the ids in header {@code OdooIds}. */
    write,
    /** Deletes the ids in header {@code OdooIds} (or a body list of ids). */
    unlink,
    /** Upserts records by external id through Odoo's importer, batched, isolating bad rows. */
    load,
    /** Calls any public method, such as {@code action_confirm}. */
    call,
    /** Describes the model's fields. */
    fields_get,
    /** Connection level: the server's version. */
    version,
    /** Connection level: authenticates and answers the uid. */
    authenticate
}
