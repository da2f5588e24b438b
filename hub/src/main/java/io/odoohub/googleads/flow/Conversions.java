package io.odoohub.googleads.flow;

import java.time.Duration;

/**
 * The conversion upload.
 *
 * @param uploadPeriod           how often it runs
 * @param conversionAction       the conversion action's id (or its resource name) that uploads use
 * @param uploadWonOpportunities also upload won opportunities carrying a gclid, not only confirmed sale orders
 * @param tooRecentRetry         a click Google says is too recent is uploaded again after this
 */
public record Conversions(Duration uploadPeriod, String conversionAction, boolean uploadWonOpportunities, Duration tooRecentRetry) {
    /** The conversion action as a resource name of one customer. */
    public String conversionActionOf(String customerId) {
        String action = conversionAction;
        if (action.startsWith("customers/")) {
            return action;
        }
        return "customers/" + customerId + "/conversionActions/" + action;
    }
}
