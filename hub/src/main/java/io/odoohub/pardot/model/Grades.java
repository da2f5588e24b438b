package io.odoohub.pardot.model;

import java.util.List;

/** Pardot grades, best first: A+ ... F. */
public final class Grades {

    public static final List<String> ALL = List.of("A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F");

    private Grades() {
    }

    /** 0 for A+, 12 for F, -1 for anything else. */
    public static int rank(String grade) {
        return grade == null ? -1 : ALL.indexOf(grade.trim().toUpperCase(java.util.Locale.ROOT));
    }

    /** True when {@code grade} is at least as good as {@code threshold}. */
    public static boolean atLeast(String grade, String threshold) {
        int g = rank(grade);
        int t = rank(threshold);
        return g >= 0 && t >= 0 && g <= t;
    }
}
