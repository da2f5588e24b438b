package io.odoohub.catalog.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CronExpressionsTest {

    @Test
    void theSeedsExamplesBecomeQuartzExpressions() {
        assertThat(CronExpressions.toQuartz("0 6 * * *")).isEqualTo("0 0 6 * * ?");
        assertThat(CronExpressions.toQuartz("0 */4 * * *")).isEqualTo("0 0 */4 * * ?");
        assertThat(CronExpressions.toQuartz("*/30 * * * *")).isEqualTo("0 */30 * * * ?");
        // Monday is 1 in cron and 2 in Quartz; Sunday is 0 or 7 in cron and 1 in Quartz
        assertThat(CronExpressions.toQuartz("0 7 * * 1")).isEqualTo("0 0 7 ? * 2");
        assertThat(CronExpressions.toQuartz("0 7 * * 0,7")).isEqualTo("0 0 7 ? * 1,1");
        assertThat(CronExpressions.toQuartz("0 7 * * 1-5")).isEqualTo("0 0 7 ? * 2-6");
        assertThat(CronExpressions.toQuartz("0 7 * * MON-FRI")).isEqualTo("0 0 7 ? * MON-FRI");
        assertThat(CronExpressions.toQuartz("15 2 1 * *")).isEqualTo("0 15 2 1 * ?");
    }

    @Test
    void invalidExpressionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> CronExpressions.toQuartz("0 6 * *")).hasMessageContaining("five fields");
        assertThatThrownBy(() -> CronExpressions.toQuartz("0 25 * * *")).hasMessageContaining("not valid");
        assertThatThrownBy(() -> CronExpressions.toQuartz("0 6 1 * 1")).hasMessageContaining("both a day of month");
        assertThatThrownBy(() -> CronExpressions.toQuartz("0 6 * * 8")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> CronExpressions.toQuartz("")).hasMessageContaining("required");
    }
}
