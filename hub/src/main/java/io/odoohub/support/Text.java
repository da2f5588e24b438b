package io.odoohub.support;

/**
 * Cutting text to a size, for stored columns, logs and messages. {@code null} stays {@code null} in all three.
 * <ul>
 *   <li>{@link #abbreviate}: at most {@code max} characters in all, the last one "…" when cut (stored messages);</li>
 *   <li>{@link #preview}: the first {@code max} characters and then "..." when cut (log lines, error messages);</li>
 *   <li>{@link #head}: the first {@code max} characters, no marker (values stored in a bounded column).</li>
 * </ul>
 */
public final class Text {

    /** What {@link #abbreviate} puts in place of what it cut. */
    public static final String ELLIPSIS = "…";
    /** What {@link #preview} adds after what it kept. */
    public static final String MORE = "...";

    private Text() {
    }

    /** {@code s} when it has at most {@code max} characters, else its first {@code max - 1} and "…" ({@code max} in all). */
    public static String abbreviate(String s, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + ELLIPSIS;
    }

    /** {@code s} when it has at most {@code max} characters, else its first {@code max} and "...". */
    public static String preview(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max) + MORE;
    }

    /** {@code s} when it has at most {@code max} characters, else its first {@code max}. */
    public static String head(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
