package io.odoohub.opspage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A payload as the page shows it: pretty JSON, secret-looking values hidden at any depth, anything else as it came. */
class PayloadsTest {

    @Test
    void jsonIsPrettyAndSecretsAreHiddenAtAnyDepth() {
        String shown = Payloads.readable("{\"title\":\"<script>x</script>\",\"api_key\":\"k-123\",\"nested\":{\"client_secret\":\"s-456\","
                + "\"Authorization\":\"Bearer t-789\",\"list\":[{\"password\":\"p-000\",\"ok\":1}]},\"access_token\":null}");
        assertThat(shown).contains("\"title\" : \"<script>x</script>\"").contains("\"ok\" : 1").contains("\n")
                .doesNotContain("k-123").doesNotContain("s-456").doesNotContain("t-789").doesNotContain("p-000")
                .contains("\"access_token\" : null");
        assertThat(shown.split(java.util.regex.Pattern.quote(Payloads.HIDDEN), -1)).hasSize(5);
    }

    @Test
    void textThatIsNotJsonIsShownAsItCame() {
        assertThat(Payloads.readable("sku;title\nA-1;<b>x</b>")).isEqualTo("sku;title\nA-1;<b>x</b>");
        assertThat(Payloads.readable("{not json")).isEqualTo("{not json");
        assertThat(Payloads.readable(null)).isEmpty();
    }
}
