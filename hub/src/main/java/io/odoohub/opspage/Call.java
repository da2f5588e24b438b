package io.odoohub.opspage;

import io.odoohub.api.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

/** One request to the page: who asks, the path's parts, the form's fields, and the ways to answer. */
final class Call {

    /** Session attribute of the one-time message shown after a redirect. */
    static final String FLASH = "io.odoohub.ops.flash";

    final HttpServletRequest request;
    final HttpServletResponse response;
    final OpsUser user;
    private final Matcher path;
    private final Views views;
    private final Map<String, Object> common;

    Call(HttpServletRequest request, HttpServletResponse response, OpsUser user, Matcher path, Views views, Map<String, Object> common) {
        this.request = request;
        this.response = response;
        this.user = user;
        this.path = path;
        this.views = views;
        this.common = common;
    }

    /** The n-th group of the route's path pattern. */
    String part(int n) {
        return path.group(n);
    }

    long idPart(int n) {
        try {
            return Long.parseLong(path.group(n));
        } catch (NumberFormatException e) {
            throw new PageException(404, "no such record: " + path.group(n));
        }
    }

    /** A query or form field, trimmed; null when absent or blank. */
    String param(String name) {
        String v = request.getParameter(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    String[] params(String name) {
        String[] v = request.getParameterValues(name);
        return v == null ? new String[0] : v;
    }

    boolean checked(String name) {
        String v = param(name);
        return v != null && !v.equals("false");
    }

    /** A {@code datetime-local} field (read as UTC) or an ISO instant; a 400 naming the field otherwise. */
    Instant instant(String name) {
        String v = param(name);
        if (v == null) {
            return null;
        }
        try {
            return v.endsWith("Z") ? Instant.parse(v) : LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new PageException(400, name + " must be a date and time such as 2026-12-01T08:00, was '" + v + "'");
        }
    }

    Integer integer(String name) {
        String v = param(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw new PageException(400, name + " must be a whole number, was '" + v + "'");
        }
    }

    boolean htmx() {
        return "true".equals(request.getHeader("HX-Request"));
    }

    void require(Role role) {
        if (!user.may(role)) {
            throw new PageException(403, "this needs the " + role.wireName() + " role; you are " + user.role().wireName());
        }
    }

    /** Answers the template (or one fragment of it) with the page's common values plus {@code model}. */
    void render(int status, String template, String fragment, Map<String, Object> model) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>(common);
        Object flash = request.getSession(false) == null ? null : request.getSession(false).getAttribute(FLASH);
        if (flash != null && fragment == null) {
            request.getSession(false).removeAttribute(FLASH);
            all.put("flash", flash);
        }
        all.putAll(model);
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Writer out = response.getWriter();
        views.render(template, fragment, all, out);
        out.flush();
    }

    void render(String template, Map<String, Object> model) throws IOException {
        render(200, template, null, model);
    }

    /** Goes to another page of the page (303, so a reload does not post again), with a one-time message. */
    void redirect(String pathInPage, String message) throws IOException {
        if (message != null) {
            request.getSession().setAttribute(FLASH, message);
        }
        if (htmx()) {
            // htmx would follow a redirect and swap the whole page into a part of it: it loads the page instead
            response.setStatus(200);
            response.setHeader("HX-Redirect", common.get("base") + pathInPage);
            return;
        }
        response.setStatus(303);
        response.setHeader("Location", common.get("base") + pathInPage);
    }
}
