package io.odoohub.pardot.model;

import java.time.Instant;

/**
 * A visitor activity (from the pull or a callback): what the prospect did, and the form, email template or URL.
 *
 * @param type Pardot's code: 1 click, 2 page view, 4 form success, 11 email open, ...
 */
public record PardotActivity(long id, long prospectId, int type, String typeName, String details, Long emailTemplateId,
                             Long formId, String url, Instant createdAt) {

    /** The Odoo activity type it becomes, or null for kinds the hub does not carry over. */
    public String odooType() {
        return switch (type) {
            case 4 -> "Form Completed";
            case 11 -> "Email Opened";
            case 2 -> "Website Visited";
            // type 1 is any tracked click; only a click in an email (type name Email) is an email click
            case 1 -> "Email".equalsIgnoreCase(typeName) ? "Email Clicked" : null;
            default -> null;
        };
    }
}
