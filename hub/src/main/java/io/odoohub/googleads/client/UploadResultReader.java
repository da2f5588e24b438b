package io.odoohub.googleads.client;

import com.google.ads.googleads.v23.errors.ConversionUploadErrorEnum.ConversionUploadError;
import com.google.ads.googleads.v23.errors.ErrorLocation;
import com.google.ads.googleads.v23.errors.GoogleAdsError;
import com.google.ads.googleads.v23.errors.GoogleAdsFailure;
import com.google.ads.googleads.v23.services.UploadClickConversionsResponse;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.odoohub.googleads.model.ConversionCandidate;
import io.odoohub.googleads.model.ConversionOutcome;

/**
 * Reads an UploadClickConversions answer row by row: the rows named in {@code partial_failure_error} (by the
 * index of {@code conversions[i]} in each error's location) failed, the others were accepted. "Already exists" and
 * a duplicate order id count as uploaded; TOO_RECENT_* are retried later; anything else failed for good.
 */
public final class UploadResultReader {

    static final Set<ConversionUploadError> ALREADY_DONE = Set.of(ConversionUploadError.CLICK_CONVERSION_ALREADY_EXISTS,
            ConversionUploadError.DUPLICATE_ORDER_ID, ConversionUploadError.ORDER_ID_ALREADY_IN_USE);
    static final Set<ConversionUploadError> TOO_RECENT = Set.of(ConversionUploadError.TOO_RECENT_EVENT,
            ConversionUploadError.TOO_RECENT_CONVERSION_ACTION);

    private UploadResultReader() {
    }

    public static List<ConversionOutcome> read(List<ConversionCandidate> sent, UploadClickConversionsResponse response, Instant now,
                                               Duration tooRecentRetry) {
        Map<Integer, GoogleAdsError> errors = errorsByRow(response);
        List<ConversionOutcome> out = new ArrayList<>(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            GoogleAdsError e = errors.get(i);
            ConversionCandidate c = sent.get(i);
            if (e == null) {
                out.add(new ConversionOutcome(c, ConversionOutcome.State.UPLOADED, null, null));
                continue;
            }
            ConversionUploadError code = e.getErrorCode().hasConversionUploadError() ? e.getErrorCode().getConversionUploadError() : null;
            String message = AdsErrorClassifier.codeName(e) + ": " + e.getMessage();
            if (code != null && ALREADY_DONE.contains(code)) {
                out.add(new ConversionOutcome(c, ConversionOutcome.State.UPLOADED, message, null));
            } else if (code != null && TOO_RECENT.contains(code)) {
                out.add(new ConversionOutcome(c, ConversionOutcome.State.RETRY, message, now.plus(tooRecentRetry)));
            } else {
                out.add(new ConversionOutcome(c, ConversionOutcome.State.FAILED, message, null));
            }
        }
        return out;
    }

    private static Map<Integer, GoogleAdsError> errorsByRow(UploadClickConversionsResponse response) {
        Map<Integer, GoogleAdsError> out = new HashMap<>();
        if (!response.hasPartialFailureError()) {
            return out;
        }
        for (Any detail : response.getPartialFailureError().getDetailsList()) {
            if (!detail.is(GoogleAdsFailure.class)) {
                continue;
            }
            try {
                for (GoogleAdsError e : detail.unpack(GoogleAdsFailure.class).getErrorsList()) {
                    for (ErrorLocation.FieldPathElement p : e.getLocation().getFieldPathElementsList()) {
                        if ("conversions".equals(p.getFieldName()) && p.hasIndex()) {
                            out.putIfAbsent(Math.toIntExact(p.getIndex()), e);
                            break;
                        }
                    }
                }
            } catch (InvalidProtocolBufferException ex) {
                throw new AdsFailure(AdsFailure.Kind.PERMANENT, "unreadable partial_failure_error: " + ex.getMessage(), null, null, ex);
            }
        }
        return out;
    }
}
