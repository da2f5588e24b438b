package io.odoohub.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void abbreviateKeepsAStringOfExactlyMaxAndCutsOneLongerToMaxWithAnEllipsis() {
        assertThat(Text.abbreviate("abcde", 5)).isEqualTo("abcde");
        assertThat(Text.abbreviate("abcdef", 5)).isEqualTo("abcd…").hasSize(5);
        assertThat(Text.abbreviate("ab", 1)).isEqualTo("…");
        assertThat(Text.abbreviate(null, 5)).isNull();
        assertThatThrownBy(() -> Text.abbreviate("ab", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void previewKeepsMaxCharactersAndAddsThreeDots() {
        assertThat(Text.preview("abcde", 5)).isEqualTo("abcde");
        assertThat(Text.preview("abcdef", 5)).isEqualTo("abcde...");
        assertThat(Text.preview(null, 5)).isNull();
    }

    @Test
    void headCutsWithoutAMarker() {
        assertThat(Text.head("abcde", 5)).isEqualTo("abcde");
        assertThat(Text.head("abcdef", 5)).isEqualTo("abcde");
        assertThat(Text.head(null, 5)).isNull();
    }
}
