package io.odoohub.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.odoohub.support.Setting;
import io.odoohub.support.SettingsReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import org.junit.jupiter.api.Test;

/**
 * The declarations ({@link DeclaredSettings}), {@code application.properties} and the documentation's settings tables
 * say the same: each key once, with one environment variable and one default. The tables are generated from the
 * declarations: {@code mvn -o -q -B test -Dtest=DeclaredSettingsTest -Dsettings.regenerate=true} rewrites them.
 */
class DeclaredSettingsTest {

    private static final Pattern LINE = Pattern.compile("^([A-Za-z][\\w.-]*)\\s*=\\s*(.*)$");
    private static final Pattern ENV_VALUE = Pattern.compile("^\\{\\{env:([A-Z0-9_]+):(.*)}}$");
    private static final String REGENERATE = "mvn -o -q -B test -Dtest=DeclaredSettingsTest -Dsettings.regenerate=true";

    /** key -> value as written, in file order. */
    static Map<String, String> applicationProperties() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("application.properties"))) {
            Matcher m = LINE.matcher(line.strip());
            if (m.matches()) {
                assertThat(out.put(m.group(1), m.group(2).strip())).as("key %s written twice", m.group(1)).isNull();
            }
        }
        return out;
    }

    static List<Setting<?>> declared() {
        return DeclaredSettings.AREAS.stream().flatMap(a -> a.settings().stream()).toList();
    }

    /** Camel's own configuration, fixed in the file (no environment variable): not a setting of the hub. */
    private static boolean camelsOwn(String key, String value) {
        return key.startsWith("camel.") && !value.contains("{{env:");
    }

    @Test
    void everyKeyIsDeclaredOnce() throws IOException {
        Map<String, Setting<?>> byKey = new HashMap<>();
        for (Setting<?> s : declared()) {
            assertThat(byKey.put(s.key(), s)).as("%s declared twice", s.key()).isNull();
        }
        Map<String, String> file = applicationProperties();
        List<String> undeclared = new ArrayList<>();
        for (Map.Entry<String, String> e : file.entrySet()) {
            if (!byKey.containsKey(e.getKey()) && !camelsOwn(e.getKey(), e.getValue())) {
                undeclared.add(e.getKey());
            }
        }
        assertThat(undeclared).as("keys of application.properties that no Setting declares").isEmpty();
    }

    @Test
    void everyDeclarationIsInApplicationPropertiesWithItsVariableAndDefault() throws IOException {
        Map<String, String> file = applicationProperties();
        List<String> wrong = new ArrayList<>();
        for (Setting<?> s : declared()) {
            String value = file.get(s.key());
            if (value == null) {
                wrong.add(s.key() + ": not in application.properties");
                continue;
            }
            Matcher m = ENV_VALUE.matcher(value);
            // a value without {{env:...}} is overridden by the variable Camel derives from the key
            String env = m.matches() ? m.group(1) : s.key().toUpperCase(Locale.ROOT).replaceAll("[.-]", "_");
            String def = m.matches() ? m.group(2) : value;
            if (!env.equals(s.env())) {
                wrong.add(s.key() + ": environment variable " + env + " in application.properties, " + s.env() + " declared");
            }
            if (!def.equals(s.defaultValue())) {
                wrong.add(s.key() + ": default '" + def + "' in application.properties, '" + s.defaultValue() + "' declared");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void everyDefaultPassesItsOwnChecks() {
        PropertiesComponent empty = new DefaultCamelContext().getPropertiesComponent(); // not started: nothing to close
        for (Setting<?> s : declared()) {
            if (!s.defaultValue().contains("{{")) {
                SettingsReader.read(empty, s);
            }
        }
    }

    @Test
    void settingsNamedLikeSecretsAreFlaggedSecret() {
        assertThat(declared().stream().filter(s -> s.key().matches(".*(password|secret|token|api-key|master-key)") && !s.isSecret())
                .map(Setting::key).toList()).as("secrets whose value an error would show").isEmpty();
    }

    /** The generated table of one area, between its two markers. */
    static String table(DeclaredSettings.Area area) {
        StringBuilder out = new StringBuilder(begin(area)).append('\n')
                .append("| property | environment variable | default | type | meaning |\n|---|---|---|---|---|\n");
        for (Setting<?> s : area.settings()) {
            out.append("| `").append(s.key()).append("` | `").append(s.env()).append("` | ")
                    .append(s.defaultValue().isEmpty() ? "" : "`" + s.defaultValue() + "`").append(" | ").append(cell(s.type()))
                    .append(" | ").append(cell(s.description())).append(s.isSecret() ? " (secret: never logged)" : "").append(" |\n");
        }
        return out.append(end(area)).toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String begin(DeclaredSettings.Area area) {
        return "<!-- settings table '" + area.name() + "': generated from the declarations (" + REGENERATE + ") -->";
    }

    private static String end(DeclaredSettings.Area area) {
        return "<!-- end of settings table '" + area.name() + "' -->";
    }

    @Test
    void theDocumentationTablesAreGeneratedFromTheDeclarations() throws IOException {
        boolean regenerate = Boolean.getBoolean("settings.regenerate");
        List<String> stale = new ArrayList<>();
        for (DeclaredSettings.Area area : DeclaredSettings.AREAS) {
            Path page = Path.of(area.page());
            String text = Files.readString(page);
            int from = text.indexOf(begin(area));
            int to = text.indexOf(end(area));
            assertThat(from).as("%s has the markers of table '%s': %s ... %s", page, area.name(), begin(area), end(area))
                    .isNotNegative();
            assertThat(to).as("%s: end marker of table '%s'", page, area.name()).isGreaterThan(from);
            String now = text.substring(from, to + end(area).length());
            String wanted = table(area);
            if (!now.equals(wanted)) {
                if (regenerate) {
                    Files.writeString(page, text.replace(now, wanted));
                } else {
                    stale.add(page + " (table '" + area.name() + "')");
                }
            }
        }
        assertThat(stale).as("settings tables not as the declarations say; regenerate them: " + REGENERATE).isEmpty();
    }

    @Test
    void noHandWrittenTableRowRepeatsADeclaredKey() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> repeated = new ArrayList<>();
        for (Path page : pages) {
            String text = Files.readString(page);
            for (DeclaredSettings.Area area : DeclaredSettings.AREAS) {
                int from = text.indexOf(begin(area));
                if (from >= 0) {
                    text = text.substring(0, from) + text.substring(text.indexOf(end(area)) + end(area).length());
                }
            }
            for (String line : text.split("\n")) {
                if (!line.startsWith("|")) {
                    continue;
                }
                String first = line.split("\\|")[1].strip(); // a row about the setting names it first
                for (Setting<?> s : declared()) {
                    if (first.startsWith("`" + s.key() + "`")) {
                        repeated.add(page + ": " + s.key());
                    }
                }
            }
        }
        assertThat(repeated).as("rows written by hand for declared settings: the generated table is their one place").isEmpty();
    }
}
