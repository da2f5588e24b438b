package io.odoohub.catalog.flow;

import java.text.ParseException;
import org.quartz.CronExpression;

/**
 * The seed's five-field cron ({@code minute hour day-of-month month day-of-week}, Sunday 0 or 7) -> Quartz's form
 * (seconds first, one of the two day fields '?', Sunday 1). An expression that cannot be converted or that Quartz
 * refuses is an IllegalArgumentException with the reason.
 */
public final class CronExpressions {

    private CronExpressions() {
    }

    public static String toQuartz(String cron) {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException("cron_expression is required (five fields: minute hour day-of-month month day-of-week)");
        }
        String[] f = cron.trim().split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("cron_expression '" + cron + "' must have five fields (minute hour day-of-month month"
                    + " day-of-week), it has " + f.length);
        }
        String dom = f[2];
        String dow = dayOfWeek(f[4], cron);
        if (dow.equals("*")) {
            dow = "?";
        } else if (dom.equals("*")) {
            dom = "?";
        } else {
            throw new IllegalArgumentException("cron_expression '" + cron + "' names both a day of month and a day of week; use one");
        }
        String quartz = "0 " + f[0] + " " + f[1] + " " + dom + " " + f[3] + " " + dow;
        try {
            CronExpression.validateExpression(quartz);
        } catch (ParseException e) {
            throw new IllegalArgumentException("cron_expression '" + cron + "' is not valid: " + e.getMessage());
        }
        return quartz;
    }

    /** Day-of-week numbers shift by one (cron 0-7 with Sunday 0 and 7; Quartz 1-7 with Sunday 1); names stay. */
    private static String dayOfWeek(String field, String cron) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d+").matcher(field);
        int last = 0;
        while (m.find()) {
            int n = Integer.parseInt(m.group());
            boolean step = m.start() > 0 && field.charAt(m.start() - 1) == '/';
            if (!step && n > 7) {
                throw new IllegalArgumentException("cron_expression '" + cron + "': day of week " + n + " is out of range 0-7");
            }
            out.append(field, last, m.start()).append(step ? n : n % 7 + 1);
            last = m.end();
        }
        return out.append(field.substring(last)).toString();
    }
}
