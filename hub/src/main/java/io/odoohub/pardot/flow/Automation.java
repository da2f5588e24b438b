package io.odoohub.pardot.flow;

import java.util.Map;

/**
 * When a lead becomes an opportunity, and who gets it.
 *
 * @param scoreThreshold from this score on, a lead becomes an opportunity with a partner (0 = off)
 * @param gradeThreshold from this grade on (A+ best, F worst), the same (empty = off)
 * @param assignment     assignment rules: {@code country:BE=team:Benelux}, {@code industry:Retail=user:7}
 */
public record Automation(int scoreThreshold, String gradeThreshold, Map<String, String> assignment) {
}
