package io.odoohub.googleads.model;

import java.time.ZoneId;

/** A Google Ads account's currency and time zone (its reports and conversion times are in these). */
public record AccountInfo(String customerId, String currency, ZoneId timeZone) {
}
