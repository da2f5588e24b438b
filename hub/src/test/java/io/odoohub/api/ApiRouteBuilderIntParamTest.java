package io.odoohub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

class ApiRouteBuilderIntParamTest {

    private static Exchange with(String value) {
        Exchange e = new DefaultExchange(new DefaultCamelContext());
        if (value != null) {
            e.getMessage().setHeader("limit", value);
        }
        return e;
    }

    @Test
    void absentOrBlankIsTheFallback() {
        assertThat(ApiRouteBuilder.intParam(with(null), "limit", 50, 1, 500)).isEqualTo(50);
        assertThat(ApiRouteBuilder.intParam(with("  "), "limit", 50, 1, 500)).isEqualTo(50);
    }

    @Test
    void theBoundsAreInclusiveAndBlanksAroundAreIgnored() {
        assertThat(ApiRouteBuilder.intParam(with("1"), "limit", 50, 1, 500)).isEqualTo(1);
        assertThat(ApiRouteBuilder.intParam(with(" 500 "), "limit", 50, 1, 500)).isEqualTo(500);
    }

    @Test
    void outsideTheBoundsOrNotAWholeNumberIsA400NamingTheParameter() {
        assertThatThrownBy(() -> ApiRouteBuilder.intParam(with("501"), "limit", 50, 1, 500))
                .isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.status()).isEqualTo(400))
                .hasMessage("parameter 'limit' must be between 1 and 500, was 501");
        assertThatThrownBy(() -> ApiRouteBuilder.intParam(with("0"), "limit", 50, 1, 500)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> ApiRouteBuilder.intParam(with("ten"), "limit", 50, 1, 500))
                .isInstanceOf(ApiException.class).hasMessage("parameter 'limit' must be a whole number, was 'ten'");
        assertThatThrownBy(() -> ApiRouteBuilder.intParam(with("99999999999"), "limit", 50, 0, Integer.MAX_VALUE))
                .isInstanceOf(ApiException.class);
    }
}
