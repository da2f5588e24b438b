package io.odoohub.opspage;

import io.odoohub.api.ApiException;
import io.odoohub.api.Role;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's page: Flows, Dead letters, Sync history, Connections and Catalog, server-rendered, at {@value #PATH}
 * inside the console's web application (so behind the console's login, in its session). It runs as the first filter of
 * that application and answers everything under {@value #PATH} itself; Hawtio's filters never see these requests.
 *
 * <p>Every request: a content security policy that allows only this origin's scripts and styles (no inline script, no
 * eval), no framing, no sniffing. Every POST carries the session's CSRF token (form field {@code _csrf} or header
 * {@code X-CSRF-Token}) or is refused with 403 before anything is done. Roles are the API's: viewer reads, operator acts
 * on flows and dead letters, admin changes credentials, mappings and schedules.
 */
public final class OpsPage implements Filter {

    /** Where the page lives inside the console's context ({@code /hawtio/ops/}). */
    public static final String PATH = "/ops";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final String CSRF_ATTRIBUTE = "io.odoohub.ops.csrf";
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";

    private static final Logger LOG = LoggerFactory.getLogger(OpsPage.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    @FunctionalInterface
    interface Handler {
        void handle(Call call) throws Exception;
    }

    private record Route(String method, Pattern path, Role role, Handler handler) {
    }

    /** The page's routes: a view adds its own in {@code routes(Routes)}. */
    final class Routes {
        void get(String path, Role role, Handler handler) {
            routes.add(new Route("GET", Pattern.compile(path), role, handler));
        }

        void post(String path, Role role, Handler handler) {
            routes.add(new Route("POST", Pattern.compile(path), role, handler));
        }
    }

    private final List<Route> routes = new ArrayList<>();
    private final Views views = new Views();
    private final OpsLogin login;
    private final Format format;
    private final HawtioLinks hawtio;
    private final String htmxResource;

    public OpsPage(OpsServices hub, Clock clock) {
        this.login = new OpsLogin(hub.consoleRoles());
        this.format = new Format(clock);
        this.hawtio = new HawtioLinks(hub.context());
        this.htmxResource = webjar("htmx.org", "dist/htmx.min.js");
        Routes r = new Routes();
        new FlowsView(hub, format).routes(r);
        new DeadLettersView(hub).routes(r);
        new HistoryView(hub).routes(r);
        new ConnectionsView(hub).routes(r);
        new CatalogView(hub).routes(r);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        if (!(req instanceof HttpServletRequest request) || !(res instanceof HttpServletResponse response)) {
            chain.doFilter(req, res);
            return;
        }
        String inContext = request.getRequestURI().substring(request.getContextPath().length());
        if (!inContext.equals(PATH) && !inContext.startsWith(PATH + "/")) {
            chain.doFilter(req, res);
            return;
        }
        String path = inContext.substring(PATH.length());
        String base = request.getContextPath() + PATH;
        securityHeaders(response);
        try {
            if (path.startsWith("/static/")) {
                serveStatic(path.substring("/static/".length()), response);
                return;
            }
            if (path.isEmpty() || path.equals("/")) {
                response.setStatus(303);
                response.setHeader("Location", base + "/flows");
                return;
            }
            if (path.equals("/login")) {
                loginPage(request, response, base);
                return;
            }
            boolean post = "POST".equals(request.getMethod());
            if (post && !csrfMatches(request)) {
                LOG.info("Operator's page: {} {} refused: CSRF token missing or wrong", request.getMethod(), inContext);
                plain(response, 403, "Refused: the form's CSRF token is missing or wrong. Reload the page and try again.");
                return;
            }
            if (path.equals("/logout") && post) {
                login.logout(request);
                response.setStatus(303);
                response.setHeader("Location", base + "/login");
                return;
            }
            Optional<OpsUser> user = login.current(request.getSession(false));
            if (user.isEmpty()) {
                if (post || "true".equals(request.getHeader("HX-Request"))) {
                    plain(response, 401, "Log in first.");
                } else {
                    response.setStatus(303);
                    response.setHeader("Location", base + "/login?next=" + URLEncoder.encode(base + path, StandardCharsets.UTF_8));
                }
                return;
            }
            touchHawtioSession(request.getSession(false));
            dispatch(request, response, user.get(), path, base);
        } catch (PageException e) {
            plain(response, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Operator's page: {} {} failed", request.getMethod(), inContext, e);
            plain(response, 500, "Something went wrong (the hub's log has the details).");
        }
    }

    private void dispatch(HttpServletRequest request, HttpServletResponse response, OpsUser user, String path, String base)
            throws IOException {
        boolean known = false;
        for (Route route : routes) {
            Matcher m = route.path().matcher(path);
            if (!m.matches()) {
                continue;
            }
            known = true;
            if (!route.method().equals(request.getMethod())) {
                continue;
            }
            Call call = new Call(request, response, user, m, views, common(request, user, base));
            try {
                call.require(route.role());
                route.handler().handle(call);
            } catch (PageException e) {
                plain(response, e.status(), e.getMessage());
            } catch (ApiException e) {
                plain(response, e.status(), e.getMessage());
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        plain(response, known ? 405 : 404, known ? "Method not allowed." : "No such page.");
    }

    private Map<String, Object> common(HttpServletRequest request, OpsUser user, String base) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("base", base);
        m.put("user", user);
        m.put("csrf", csrfToken(request.getSession()));
        m.put("fmt", format);
        m.put("hawtio", hawtio);
        m.put("hawtioBase", request.getContextPath() + "/");
        return m;
    }

    private void loginPage(HttpServletRequest request, HttpServletResponse response, String base) throws IOException {
        HttpSession session = request.getSession();
        String next = request.getParameter("next");
        if (next == null || !next.startsWith(base + "/") || next.contains("//") || next.contains("\\")) {
            next = base + "/flows";
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("base", base);
        model.put("next", next);
        model.put("error", null);
        if ("POST".equals(request.getMethod())) {
            if (!csrfMatches(request)) {
                plain(response, 403, "Refused: the form's CSRF token is missing or wrong. Reload the page and try again.");
                return;
            }
            String name = request.getParameter("username");
            String password = request.getParameter("password");
            OpsLogin.Outcome outcome = login.login(request, name == null ? "" : name.trim(),
                    password == null ? new char[0] : password.toCharArray());
            if (outcome.user() != null) {
                response.setStatus(303);
                response.setHeader("Location", next);
                return;
            }
            model.put("error", outcome.refusal());
            model.put("username", name);
        } else if (login.current(session).isPresent()) {
            response.setStatus(303);
            response.setHeader("Location", next);
            return;
        }
        model.put("csrf", csrfToken(request.getSession()));
        response.setStatus(model.get("error") == null ? 200 : 401);
        response.setContentType("text/html;charset=UTF-8");
        views.render("login", null, model, response.getWriter());
    }

    /** Hawtio ends a session it has not seen for its timeout: a request here counts as activity there too. */
    private static void touchHawtioSession(HttpSession session) {
        if (session != null && session.getAttribute("LastAccess") != null) {
            session.setAttribute("LastAccess", System.currentTimeMillis());
        }
    }

    static String csrfToken(HttpSession session) {
        Object token = session.getAttribute(CSRF_ATTRIBUTE);
        if (token instanceof String s) {
            return s;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(CSRF_ATTRIBUTE, fresh);
        return fresh;
    }

    private static boolean csrfMatches(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null : session.getAttribute(CSRF_ATTRIBUTE);
        String sent = request.getHeader(CSRF_HEADER);
        if (sent == null) {
            sent = request.getParameter(CSRF_FIELD);
        }
        return expected instanceof String e && sent != null
                && MessageDigest.isEqual(e.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    private static void securityHeaders(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");
        response.setHeader("Cache-Control", "no-store");
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(message);
    }

    /**
     * htmx from its WebJar, the page's stylesheet and script and the Hawtio plugin that links back here from
     * {@code opspage/static}; nothing else. No login needed: none of them holds data.
     */
    private void serveStatic(String name, HttpServletResponse response) throws IOException {
        String resource = switch (name) {
            case "htmx.min.js" -> htmxResource;
            case "ops.css", "ops.js", "hawtio-plugin.js" -> "opspage/static/" + name;
            default -> null;
        };
        try (InputStream in = resource == null ? null : OpsPage.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                plain(response, 404, "No such file.");
                return;
            }
            response.setHeader("Cache-Control", "max-age=3600");
            response.setContentType(name.endsWith(".css") ? "text/css;charset=UTF-8" : "text/javascript;charset=UTF-8");
            in.transferTo(response.getOutputStream());
        }
    }

    /** A file of a WebJar on the class path, at the version Maven brought (read from the WebJar's pom.properties). */
    static String webjar(String artifact, String file) {
        String props = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = OpsPage.class.getClassLoader().getResourceAsStream(props)) {
            if (in == null) {
                throw new IllegalStateException("the WebJar " + artifact + " is missing from the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return "META-INF/resources/webjars/" + artifact + "/" + p.getProperty("version") + "/" + file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + props, e);
        }
    }
}
