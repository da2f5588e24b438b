package io.odoohub.pardot.flow;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How prospects are pulled and written.
 *
 * @param overlap       how far the pull cursor reaches back, for Pardot's read lag (up to 60 s)
 * @param defaultRegion region for phone numbers written without a country code
 * @param privacyPolicy {@code anonymise} or {@code delete}: what a prospect deleted in Pardot does to its lead
 * @param mappingFile   the custom field mapping profile (beside the routes)
 */
public record Prospects(Duration overlap, String defaultRegion, String privacyPolicy, Path mappingFile) {
}
