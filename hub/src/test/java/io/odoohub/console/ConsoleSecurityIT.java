package io.odoohub.console;

import io.odoohub.security.Pbkdf2PasswordHasher;
import io.odoohub.testsupport.LogCapture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.odoohub.testsupport.HubRuntime;
import io.odoohub.testsupport.Ports;
import java.net.CookieManager;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The console over real HTTP in the real runtime: Hawtio's login in front of Jolokia, the Jolokia policy (what a
 * logged-in user may and may not do), strict CORS and the disabled proxy. Passwords never reach the log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleSecurityIT {

    private static final String USER = "operator";
    private static final String PASSWORD = "it-operator-passphrase-1";
    private static final String OTHER_ADMIN_PASSWORD = "it-other-admin-passphrase";
    private static final String VIEWER_PASSWORD = "it-viewer-passphrase-22";
    private static final String WRONG_PASSWORD = "it-wrong-passphrase-333";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static LogCapture logs;
    private static HubRuntime hub;
    private static int port;
    private static String origin;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        logs = LogCapture.attach();
        port = Ports.free();
        origin = "http://127.0.0.1:" + port;
        hub = HubRuntime.start(dir.resolve("data"), Map.of(
                "hub.console.port", String.valueOf(port),
                "hub.console.user", USER,
                "hub.console.password", PASSWORD));
        ConsoleUsers users = new ConsoleUsers(hub.bean("hubDataSource", DataSource.class), new Pbkdf2PasswordHasher(10_000));
        users.create("other-admin", OTHER_ADMIN_PASSWORD.toCharArray(), Set.of("admin"));
        users.create("viewer", VIEWER_PASSWORD.toCharArray(), Set.of("viewer"));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    @Test
    void rootRedirectsToTheConsoleWhichServesHawtio() throws Exception {
        HttpResponse<String> root = send(HttpRequest.newBuilder(uri("/")).GET());
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = following.send(HttpRequest.newBuilder(uri("/hawtio/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/hawtio/"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/hawtio/login");
        assertThat(page.body()).contains("<title>Hawtio</title>");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.headers().firstValue("Server")).isEmpty();
    }

    @Test
    void jolokiaWithoutLoginIsRefused() throws Exception {
        HttpResponse<String> post = send(jolokia("{\"type\":\"version\"}").header("Origin", origin));
        HttpResponse<String> get = send(HttpRequest.newBuilder(uri("/hawtio/jolokia/version")).header("Origin", origin).GET());

        assertThat(post.statusCode()).isIn(401, 403);
        assertThat(get.statusCode()).isIn(401, 403);
        assertThat(post.body()).doesNotContain("agent");
    }

    @Test
    void wrongPasswordUnknownUserAndUnadmittedRoleAreRefused() throws Exception {
        assertThat(send(jolokia("{\"type\":\"version\"}").header("Origin", origin).header("Authorization",
                basic("other-admin", WRONG_PASSWORD))).statusCode()).isIn(401, 403);
        assertThat(send(jolokia("{\"type\":\"version\"}").header("Origin", origin).header("Authorization",
                basic("nobody", WRONG_PASSWORD))).statusCode()).isIn(401, 403);
        // right password, but the role "viewer" is not in hub.console.roles
        assertThat(send(jolokia("{\"type\":\"version\"}").header("Origin", origin).header("Authorization",
                basic("viewer", VIEWER_PASSWORD))).statusCode()).isIn(401, 403);
    }

    @Test
    void loggedInUserSeesTheCamelRoutesAndTheirDiagramSource() throws Exception {
        JsonNode search = call("{\"type\":\"search\",\"mbean\":\"org.apache.camel:type=routes,*\"}", origin);
        JsonNode xml = call("{\"type\":\"exec\",\"mbean\":" + quoted(mbean("org.apache.camel:type=context,*"))
                + ",\"operation\":\"dumpRoutesAsXml()\"}", origin);
        JsonNode counters = call("{\"type\":\"read\",\"mbean\":" + quoted(route("product-files"))
                + ",\"attribute\":\"ExchangesTotal\"}", origin);

        assertThat(search.path("status").asInt()).isEqualTo(200);
        assertThat(search.path("value").toString()).contains("product-files", "hub-dead-letter");
        assertThat(xml.path("status").asInt()).as(xml.toString()).isEqualTo(200);
        assertThat(xml.path("value").asText()).contains("id=\"product-files\"", "id=\"hub-dead-letter\"");
        assertThat(counters.path("status").asInt()).as(counters.toString()).isEqualTo(200);
        assertThat(counters.path("value").isNumber()).isTrue();
    }

    @Test
    void loggedInUserSeesInflightExchanges() throws Exception {
        JsonNode inflight = call("{\"type\":\"exec\",\"mbean\":"
                + quoted(mbean("org.apache.camel:type=services,name=DefaultInflightRepository,*")) + ",\"operation\":\"browse()\"}",
                origin);

        assertThat(inflight.path("status").asInt()).as(inflight.toString()).isEqualTo(200);
    }

    @Test
    void loggedInUserMayStopAndStartARoute() throws Exception {
        String route = quoted(route("hub-dead-letter"));

        JsonNode stop = call("{\"type\":\"exec\",\"mbean\":" + route + ",\"operation\":\"stop()\"}", origin);
        boolean stopped = hub.context().getRouteController().getRouteStatus("hub-dead-letter").isStopped();
        JsonNode start = call("{\"type\":\"exec\",\"mbean\":" + route + ",\"operation\":\"start()\"}", origin);

        assertThat(stop.path("status").asInt()).as(stop.toString()).isEqualTo(200);
        assertThat(stopped).isTrue();
        assertThat(start.path("status").asInt()).as(start.toString()).isEqualTo(200);
        assertThat(hub.context().getRouteController().getRouteStatus("hub-dead-letter").isStarted()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // a heap dump to any path, VM options
        "{'type':'exec','mbean':'com.sun.management:type=HotSpotDiagnostic','operation':'dumpHeap(java.lang.String,boolean)',"
                + "'arguments':['@DUMP@',true]}",
        "{'type':'exec','mbean':'com.sun.management:type=HotSpotDiagnostic','operation':'setVMOption',"
                + "'arguments':['HeapDumpPath','@DUMP@']}",
        "{'type':'read','mbean':'com.sun.management:type=HotSpotDiagnostic','attribute':'DiagnosticOptions'}",
        // jcmd
        "{'type':'exec','mbean':'com.sun.management:type=DiagnosticCommand','operation':'vmSystemProperties()'}",
        "{'type':'exec','mbean':'com.sun.management:type=DiagnosticCommand','operation':'jfrStart([Ljava.lang.String;)',"
                + "'arguments':[['filename=@DUMP@']]}",
        // the MBean server itself, JFR, the runtime, memory and class loading
        "{'type':'read','mbean':'JMImplementation:type=MBeanServerDelegate','attribute':'MBeanServerId'}",
        "{'type':'exec','mbean':'jdk.management.jfr:type=FlightRecorder','operation':'newRecording()'}",
        "{'type':'exec','mbean':'java.lang:type=Memory','operation':'gc()'}",
        "{'type':'write','mbean':'java.lang:type=Memory','attribute':'Verbose','value':true}",
        "{'type':'write','mbean':'java.lang:type=ClassLoading','attribute':'Verbose','value':true}",
        // the JVM's system properties and arguments: anything passed as -D
        "{'type':'read','mbean':'java.lang:type=Runtime','attribute':'SystemProperties'}",
        "{'type':'read','mbean':'java.lang:type=Runtime','attribute':'InputArguments'}",
        "{'type':'read','mbean':'java.lang:type=Runtime','attribute':['Uptime','SystemProperties']}",
        // Camel: new endpoints, sending messages, replacing or removing routes, stopping the whole context
        "{'type':'exec','mbean':@CONTEXT@,'operation':'createEndpoint(java.lang.String)','arguments':['file:@DUMP@']}",
        "{'type':'exec','mbean':@CONTEXT@,'operation':'sendStringBody(java.lang.String,java.lang.String)',"
                + "'arguments':['file:@DUMP@','x']}",
        "{'type':'exec','mbean':@CONTEXT@,'operation':'stop()'}",
        "{'type':'exec','mbean':@ROUTE@,'operation':'updateRouteFromXml','arguments':['<route/>']}",
        "{'type':'exec','mbean':@ROUTE@,'operation':'remove()'}",
        "{'type':'exec','mbean':@CONTROLLER@,'operation':'stopAllRoutes()'}",
        "{'type':'write','mbean':@ROUTE@,'attribute':'Tracing','value':true}"
    })
    void dangerousRequestsAreRefusedEvenWhenLoggedIn(String template) throws Exception {
        Path dump = dir.resolve("dump-" + Math.abs(template.hashCode()) + ".hprof");
        String request = template.replace('\'', '"').replace("@DUMP@", dump.toString())
                .replace("@CONTEXT@", quoted(mbean("org.apache.camel:type=context,*")))
                .replace("@ROUTE@", quoted(route("product-files")))
                .replace("@CONTROLLER@", quoted(mbean("org.apache.camel:type=services,name=DefaultRouteController,*")));

        JsonNode answer = call(request, origin);

        assertThat(answer.path("status").asInt()).as(answer.toString()).isEqualTo(403);
        assertThat(answer.has("value")).as(answer.toString()).isFalse();
        assertThat(dump).doesNotExist();
        assertThat(hub.context().getStatus().isStarted()).isTrue();
        assertThat(hub.context().getRoute("product-files")).isNotNull();
        assertThat(hub.context().isTracing()).isFalse();
    }

    @Test
    void theRuntimeShowsItsNameButNotItsSystemPropertiesOrArguments() throws Exception {
        // every attribute at once, and by a pattern: the two are left out, the rest is there
        for (String request : new String[] {"{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\"}",
                "{\"type\":\"read\",\"mbean\":\"java.lang:type=Runt*\",\"attribute\":\"SystemProperties\"}",
                "{\"type\":\"read\",\"mbean\":\"java.lang:*\"}"}) {
            JsonNode answer = call(request, origin);

            // surefire and failsafe pass odoohub.wireDir as -D; -Xmx comes from the test's argLine
            assertThat(answer.toString()).as(request).doesNotContain("odoohub.wireDir").doesNotContain("java.home")
                    .doesNotContain("-Xmx");
        }
        JsonNode name = call("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Name\"}", origin);
        assertThat(name.path("value").asText()).contains(String.valueOf(ProcessHandle.current().pid()));
    }

    @Test
    void noNotificationBackendToListenWith() throws Exception {
        JsonNode register = call("{\"type\":\"notification\",\"command\":\"register\"}", origin);
        String client = register.path("value").path("id").asText("none");

        JsonNode add = call("{\"type\":\"notification\",\"command\":\"add\",\"client\":\"" + client + "\",\"mode\":\"pull\","
                + "\"mbean\":\"JMImplementation:type=MBeanServerDelegate\"}", origin);

        assertThat(register.path("value").path("backend").size()).as(register.toString()).isZero();
        assertThat(add.path("status").asInt()).as(add.toString()).isNotEqualTo(200);
    }

    @Test
    void noJsr160ProxyToOtherJmxServers() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            other.setSoTimeout(1_000);
            String target = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + other.getLocalPort() + "/jmxrmi";

            JsonNode answer = call("{\"type\":\"read\",\"mbean\":\"java.lang:type=Runtime\",\"attribute\":\"Name\","
                    + "\"target\":{\"url\":\"" + target + "\"}}", origin);

            // answered here (the proxy handler is disabled), and nothing connected to the other address
            assertThat(answer.path("value").asText()).contains(String.valueOf(ProcessHandle.current().pid()));
            assertThatThrownBy(other::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void foreignOriginIsRefused() throws Exception {
        String evil = "http://evil.example";
        HttpResponse<String> post = send(jolokia("{\"type\":\"version\"}").header("Origin", evil)
                .header("Authorization", basic(USER, PASSWORD)));
        HttpResponse<String> preflight = send(HttpRequest.newBuilder(uri("/hawtio/jolokia/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", evil).header("Access-Control-Request-Method", "POST"));
        HttpResponse<String> ownPreflight = send(HttpRequest.newBuilder(uri("/hawtio/jolokia/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST"));

        assertThat(JSON.readTree(post.body()).path("status").asInt()).as(post.body()).isEqualTo(403);
        assertThat(post.body()).doesNotContain("\"agent\"");
        assertThat(post.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(ownPreflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(origin);
    }

    @Test
    void requestWithNeitherOriginNorRefererIsRefused() throws Exception {
        HttpResponse<String> bare = send(jolokia("{\"type\":\"version\"}").header("Authorization", basic(USER, PASSWORD)));
        HttpResponse<String> referer = send(jolokia("{\"type\":\"version\"}").header("Authorization", basic(USER, PASSWORD))
                .header("Referer", origin + "/hawtio/camel/routes"));

        assertThat(JSON.readTree(bare.body()).path("status").asInt()).isEqualTo(403);
        assertThat(JSON.readTree(referer.body()).path("status").asInt()).isEqualTo(200);
    }

    @Test
    void loginGivesAStrictHttpOnlySessionThatJolokiaAccepts() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String body = "{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}";
        HttpResponse<String> wrong = browser.send(HttpRequest.newBuilder(uri("/hawtio/auth/login")).header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(body.replace(PASSWORD, WRONG_PASSWORD).replace(USER, "nobody-else")))
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(uri("/hawtio/auth/login")).header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> read = browser.send(jolokia("{\"type\":\"version\"}").header("Origin", origin).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains(USER).doesNotContain(PASSWORD);
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("HUB_CONSOLE_SESSION=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict"));
        assertThat(JSON.readTree(read.body()).path("status").asInt()).as(read.body()).isEqualTo(200);

        HttpResponse<String> logout = browser.send(HttpRequest.newBuilder(uri("/hawtio/auth/logout")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> afterLogout = browser.send(jolokia("{\"type\":\"version\"}").header("Origin", origin).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(afterLogout.statusCode()).isEqualTo(403);
        assertThat(logs.lines()).noneSatisfy(l -> assertThat(l).contains("Error occurred while logging out"));
    }

    @Test
    void proxyIsDisabled() throws Exception {
        HttpResponse<String> enabled = send(HttpRequest.newBuilder(uri("/hawtio/proxy/enabled")).GET());
        HttpResponse<String> proxied = send(HttpRequest.newBuilder(
                uri("/hawtio/proxy/http/127.0.0.1/" + hub.httpPort() + "/observe/health"))
                .header("Authorization", basic(USER, PASSWORD)).header("Origin", origin).GET());

        assertThat(enabled.body().trim()).isEqualTo("false");
        assertThat(proxied.statusCode()).isNotEqualTo(200);
    }

    @Test
    @Order(Integer.MAX_VALUE) // after the failed and successful logins above
    void noPasswordReachesTheLog() {
        assertThat(logs.lines()).isNotEmpty();
        assertThat(logs.lines()).anySatisfy(l -> assertThat(l).contains("Hawtio console at"));
        for (String secret : new String[] {PASSWORD, OTHER_ADMIN_PASSWORD, VIEWER_PASSWORD, WRONG_PASSWORD}) {
            assertThat(logs.lines()).noneSatisfy(l -> assertThat(l).contains(secret));
        }
    }

    /** The one MBean name matching a pattern (exec and the policy work on full names). */
    private static String mbean(String pattern) throws Exception {
        JsonNode found = call("{\"type\":\"search\",\"mbean\":" + quoted(pattern) + "}", origin).path("value");
        assertThat(found.size()).as(pattern).isEqualTo(1);
        return found.get(0).asText();
    }

    private static String route(String routeId) throws Exception {
        return mbean("org.apache.camel:type=routes,name=\"" + routeId + "\",*");
    }

    private static String quoted(String s) throws Exception {
        return JSON.writeValueAsString(s);
    }

    private static JsonNode call(String request, String requestOrigin) throws Exception {
        HttpResponse<String> response = send(jolokia(request).header("Origin", requestOrigin)
                .header("Authorization", basic(USER, PASSWORD)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpRequest.Builder jolokia(String body) {
        return HttpRequest.newBuilder(uri("/hawtio/jolokia/")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(origin + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
