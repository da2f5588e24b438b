package io.odoohub.pardot.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.odoohub.pardot.model.PardotActivity;
import io.odoohub.pardot.model.PardotListMembership;
import io.odoohub.pardot.model.PardotProspect;

/** Pardot v5 JSON (query values, callback bodies) -> the connector's records. */
public final class PardotNormaliser {

    /** The prospect fields every query asks for (v5 requires {@code fields}); the mapping profile adds its own. */
    public static final List<String> PROSPECT_FIELDS = List.of("id", "email", "firstName", "lastName", "company", "phone", "country",
            "industry", "score", "grade", "updatedAt", "lastActivityAt", "isDeleted");
    public static final List<String> ACTIVITY_FIELDS = List.of("id", "prospectId", "type", "typeName", "details", "emailTemplateId",
            "formId", "createdAt", "updatedAt");
    public static final List<String> MEMBERSHIP_FIELDS = List.of("id", "listId", "prospectId", "isDeleted", "updatedAt");

    private PardotNormaliser() {
    }

    public static PardotProspect prospect(JsonNode n, Collection<String> extraFields) {
        if (n == null || !n.isObject() || !n.path("id").canConvertToLong()) {
            throw new IllegalArgumentException("a prospect needs a numeric id");
        }
        Map<String, String> extra = new LinkedHashMap<>();
        for (String f : extraFields) {
            String v = text(n, f);
            if (v != null) {
                extra.put(f, v);
            }
        }
        return new PardotProspect(n.get("id").asLong(), text(n, "email"), text(n, "firstName"), text(n, "lastName"),
                text(n, "company"), text(n, "phone"), text(n, "country"), text(n, "industry"),
                n.path("score").canConvertToInt() ? n.get("score").asInt() : null, text(n, "grade"),
                instant(n, "updatedAt"), instant(n, "lastActivityAt"), n.path("isDeleted").asBoolean(false), extra);
    }

    public static PardotActivity activity(JsonNode n) {
        if (n == null || !n.isObject() || !n.path("id").canConvertToLong() || !n.path("prospectId").canConvertToLong()
                || !n.path("type").canConvertToInt()) {
            throw new IllegalArgumentException("a visitor activity needs numeric id, prospectId and type");
        }
        String details = text(n, "details");
        String url = text(n, "url");
        if (url == null && details != null && (details.startsWith("http://") || details.startsWith("https://"))) {
            url = details;
        }
        return new PardotActivity(n.get("id").asLong(), n.get("prospectId").asLong(), n.get("type").asInt(), text(n, "typeName"),
                details, n.path("emailTemplateId").canConvertToLong() ? n.get("emailTemplateId").asLong() : null,
                n.path("formId").canConvertToLong() ? n.get("formId").asLong() : null, url, instant(n, "createdAt"));
    }

    public static PardotListMembership membership(JsonNode n, Map<Long, String> listNames) {
        if (n == null || !n.path("id").canConvertToLong() || !n.path("listId").canConvertToLong() || !n.path("prospectId").canConvertToLong()) {
            throw new IllegalArgumentException("a list membership needs numeric id, listId and prospectId");
        }
        long listId = n.get("listId").asLong();
        String name = text(n, "listName");
        return new PardotListMembership(n.get("id").asLong(), listId, name != null ? name : listNames.getOrDefault(listId, "List " + listId),
                n.get("prospectId").asLong(), n.path("isDeleted").asBoolean(false), instant(n, "updatedAt"));
    }

    public static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    /** v5 dates are ISO-8601 with an offset ({@code 2026-12-01T10:15:30-08:00}). */
    public static Instant instant(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " '" + v + "' is not an ISO-8601 date-time with an offset");
        }
    }
}
