package io.odoohub.shopify.odoo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class VariantPricesTest {

    private static VariantPrices.Combination v(String price, String... values) {
        return new VariantPrices.Combination(List.of(values), new BigDecimal(price));
    }

    @Test
    void oneOptionIsAlwaysExactWithTheCheapestAsBase() {
        List<VariantPrices.Combination> variants = List.of(v("12.50", "M"), v("10.00", "S"), v("15.99", "L"));
        VariantPrices.Solution s = VariantPrices.solve(variants);
        assertThat(s.base()).isEqualByComparingTo("10.00");
        assertThat(s.extras().get(0)).containsEntry("S", new BigDecimal("0")).containsEntry("M", new BigDecimal("2.50"))
                .containsEntry("L", new BigDecimal("5.99"));
        assertThat(s.exact()).isTrue();
        variants.forEach(c -> assertThat(s.priceOf(c.values())).isEqualByComparingTo(c.price()));
    }

    @Test
    void additivePricesOverTwoOptionsAreMetForEveryVariant() {
        List<VariantPrices.Combination> variants = List.of(v("19.99", "Small", "Red"), v("20.99", "Small", "Blue"),
                v("24.99", "Large", "Red"), v("25.99", "Large", "Blue"));
        VariantPrices.Solution s = VariantPrices.solve(variants);
        assertThat(s.base()).isEqualByComparingTo("19.99");
        assertThat(s.extras().get(0).get("Large")).isEqualByComparingTo("5.00");
        assertThat(s.extras().get(1).get("Blue")).isEqualByComparingTo("1.00");
        assertThat(s.misfits()).isEmpty();
        variants.forEach(c -> assertThat(s.priceOf(c.values())).isEqualByComparingTo(c.price()));
    }

    @Test
    void theCheapestNeedNotBeFirstAndExtrasMayBeNegativeRelativeToNoOne() {
        // cheapest is Large / Blue; Small costs more than Large
        List<VariantPrices.Combination> variants = List.of(v("30", "Small", "Red"), v("27", "Small", "Blue"),
                v("23", "Large", "Red"), v("20", "Large", "Blue"));
        VariantPrices.Solution s = VariantPrices.solve(variants);
        assertThat(s.base()).isEqualByComparingTo("20");
        assertThat(s.extras().get(0).get("Small")).isEqualByComparingTo("7");
        assertThat(s.extras().get(1).get("Red")).isEqualByComparingTo("3");
        assertThat(s.exact()).isTrue();
    }

    @Test
    void pricesThatAreNotAdditiveAreFittedFromTheCheapestsNeighboursAndTheRestAreMisfits() {
        List<VariantPrices.Combination> variants = List.of(v("10", "S", "Red"), v("12", "S", "Blue"), v("15", "L", "Red"),
                v("20", "L", "Blue"));
        VariantPrices.Solution s = VariantPrices.solve(variants);
        assertThat(s.base()).isEqualByComparingTo("10");
        assertThat(s.extras().get(0).get("L")).isEqualByComparingTo("5");
        assertThat(s.extras().get(1).get("Blue")).isEqualByComparingTo("2");
        assertThat(s.misfits()).containsExactly(3);
        assertThat(s.priceOf(List.of("L", "Blue"))).isEqualByComparingTo("17");
    }

    @Test
    void aValueWithoutANeighbourOfTheCheapestIsSolvedThroughAnotherVariant() {
        // no "S / Green": Green's extra comes from L / Green once L is known
        List<VariantPrices.Combination> variants = List.of(v("10", "S", "Red"), v("15", "L", "Red"), v("18", "L", "Green"));
        VariantPrices.Solution s = VariantPrices.solve(variants);
        assertThat(s.extras().get(1).get("Green")).isEqualByComparingTo("3");
        assertThat(s.exact()).isTrue();
    }

    @Test
    void threeOptionsAdditiveAndAVariantWithoutOptions() {
        List<VariantPrices.Combination> three = List.of(v("5", "a", "x", "1"), v("6", "b", "x", "1"), v("7", "a", "y", "1"),
                v("9", "a", "x", "2"), v("12", "b", "y", "2"));
        VariantPrices.Solution s = VariantPrices.solve(three);
        assertThat(s.exact()).isTrue();
        assertThat(s.priceOf(List.of("b", "y", "2"))).isEqualByComparingTo("12");

        VariantPrices.Solution single = VariantPrices.solve(List.of(v("8.00")));
        assertThat(single.base()).isEqualByComparingTo("8.00");
        assertThat(single.extras()).isEmpty();
        assertThat(single.exact()).isTrue();
    }
}
