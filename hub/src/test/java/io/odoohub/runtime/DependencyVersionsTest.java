package io.odoohub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The libraries on the class path are at least the releases with the fixes the hub relies on: the public port's HTTP
 * parser (Netty under Vert.x), the console's Jetty, JSON, the JDBC driver, logging and migrations. A dependency
 * that slips back (a BOM reordered, a version property lost) fails here.
 */
class DependencyVersionsTest {

    @ParameterizedTest(name = "{0}:{1} >= {2}")
    @CsvSource({
        "io.netty, netty-codec-http, 4.1.140.Final",
        "io.netty, netty-codec-http2, 4.1.140.Final",
        "io.netty, netty-handler, 4.1.140.Final",
        "io.netty, netty-codec, 4.1.140.Final",
        "io.vertx, vertx-core, 4.5.31",
        "io.vertx, vertx-web, 4.5.31",
        "org.eclipse.jetty, jetty-server, 12.1.14",
        "org.eclipse.jetty, jetty-http, 12.1.14",
        "org.eclipse.jetty.ee10, jetty-ee10-servlet, 12.1.14",
        "com.fasterxml.jackson.core, jackson-core, 2.23.0",
        "com.fasterxml.jackson.core, jackson-databind, 2.23.0",
        "org.apache.logging.log4j, log4j-core, 2.26.1",
        "org.apache.logging.log4j, log4j-api, 2.26.1",
        "org.flywaydb, flyway-core, 11.20.0",
    })
    void theClassPathHasAtLeast(String group, String artifact, String minimum) throws IOException {
        assertThat(atLeast(mavenVersion(group, artifact), minimum)).as("%s:%s is %s", group, artifact, mavenVersion(group, artifact))
                .isTrue();
    }

    @Test
    void thePostgresqlDriverIsAtLeast42_7_14() throws ReflectiveOperationException {
        // pgjdbc is built with Gradle: no Maven properties in its jar, but the driver states its version (read by
        // reflection: the constant would be compiled into this class)
        String version = (String) org.postgresql.util.DriverInfo.class.getField("DRIVER_VERSION").get(null);
        assertThat(atLeast(version, "42.7.14")).as(version).isTrue();
    }

    @Test
    void theComparisonReadsNumbersNotText() {
        assertThat(atLeast("4.1.140.Final", "4.1.130.Final")).isTrue();
        assertThat(atLeast("4.1.130.Final", "4.1.140.Final")).isFalse();
        assertThat(atLeast("12.1.6", "12.1.14")).isFalse();
        assertThat(atLeast("2.23", "2.23.0")).isTrue();
    }

    /** The version in the jar's META-INF/maven/.../pom.properties (one jar per artifact on the class path). */
    private static String mavenVersion(String group, String artifact) throws IOException {
        String path = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = DependencyVersionsTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as(path + " on the class path").isNotNull();
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        }
    }

    /** Compares the numeric parts (4.1.140.Final -> 4, 1, 140); missing parts count as 0. */
    static boolean atLeast(String version, String minimum) {
        String[] a = version.split("[.-]");
        String[] b = minimum.split("[.-]");
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? number(a[i]) : 0;
            int y = i < b.length ? number(b[i]) : 0;
            if (x != y) {
                return x > y;
            }
        }
        return true;
    }

    private static int number(String part) {
        return part.chars().allMatch(Character::isDigit) && !part.isEmpty() ? Integer.parseInt(part) : 0;
    }
}
