package io.odoohub.pardot.odoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.odoohub.pardot.model.Grades;
import io.odoohub.pardot.model.PardotActivity;
import io.odoohub.pardot.model.PardotProspect;

/** Validation, cleansing, mapping and the mapping profile, without I/O to Odoo or Pardot. */
class ProspectCleanserTest {

    @TempDir
    Path dir;

    private static PardotProspect prospect(String email, String phone, String country, String company) {
        return new PardotProspect(7, email, "Ann", "Lee", company, phone, country, "Retail", 120, "A", Instant.parse("2026-12-01T10:00:00Z"),
                null, false, Map.of("jobTitle", "CTO"));
    }

    @Test
    void emailsAreRequiredAndChecked() {
        assertThat(ProspectCleanser.invalidReason(prospect("ann@example.com", null, null, null))).isNull();
        assertThat(ProspectCleanser.invalidReason(prospect(null, null, null, null))).contains("has no email address");
        for (String bad : new String[] {"ann", "ann@", "@example.com", "ann@example", "a n@example.com", "ann@@example.com"}) {
            assertThat(ProspectCleanser.invalidReason(prospect(bad, null, null, null))).as(bad).contains("no valid email address");
        }
    }

    @Test
    void phonesUseTheProspectsCountryThenTheDefaultRegion() {
        ProspectCleanser c = new ProspectCleanser("US");
        assertThat(c.phone("(415) 555-2671", null)).isEqualTo("+14155552671");
        assertThat(c.phone("02 555 12 34", "BE")).isEqualTo("+3225551234");
        assertThat(c.phone("+44 20 7946 0958", "BE")).isEqualTo("+442079460958");
        assertThat(c.phone("n/a", null)).isEqualTo("n/a");
        assertThat(c.phone(null, null)).isNull();
    }

    @Test
    void theLeadIsKeyedByAHashOfTheEmailWhateverItsCaseAndTheProfileAddsFields() throws Exception {
        Path file = dir.resolve("m.json");
        Files.writeString(file, "{\"prospect\": {\"jobTitle\": \"function\", \"industry\": \"x_industry\"}}");
        MappingProfile profile = MappingProfile.read(file);
        LeadMapper mapper = new LeadMapper(new ProspectCleanser("US"), profile);
        Map<String, Object> v = mapper.values(prospect("Ann@Example.com", "4155552671", null, "Acme"));
        assertThat(v.get("id")).isEqualTo(LeadMapper.leadXmlId("ann@example.com")).asString().startsWith("pardot.lead_").doesNotContain("example");
        assertThat(v).containsEntry("function", "CTO").containsEntry("x_pardot_score", 120).containsEntry("x_pardot_grade", "A")
                .containsEntry("phone", "+14155552671").containsEntry("name", "Acme - Ann Lee").containsEntry("x_pardot_prospect_id", "7");
        assertThat(v).containsKey("x_industry");

        Files.writeString(file, "{\"prospect\": {\"score\": \"x_pardot_score\"}}");
        assertThatThrownBy(() -> MappingProfile.read(file)).hasMessageContaining("written by the connector itself");
        Files.writeString(file, "{\"prospect\": {\"a\": \"drop table\"}}");
        assertThatThrownBy(() -> MappingProfile.read(file)).hasMessageContaining("not a pair of field names");
    }

    @Test
    void gradesCompareBestFirst() {
        assertThat(Grades.atLeast("A", "B+")).isTrue();
        assertThat(Grades.atLeast("B", "B")).isTrue();
        assertThat(Grades.atLeast("C+", "B-")).isFalse();
        assertThat(Grades.atLeast("Z", "B")).isFalse();
    }

    @Test
    void onlyEmailClicksOfTypeOneCount() {
        assertThat(new PardotActivity(1, 2, 1, "Email", null, 3L, null, null, null).odooType()).isEqualTo("Email Clicked");
        assertThat(new PardotActivity(1, 2, 1, "Custom Redirect", null, null, null, null, null).odooType()).isNull();
        assertThat(new PardotActivity(1, 2, 6, "Email", null, 3L, null, null, null).odooType()).isNull();
    }
}
