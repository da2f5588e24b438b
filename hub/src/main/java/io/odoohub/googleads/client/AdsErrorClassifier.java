package io.odoohub.googleads.client;

import com.google.ads.googleads.v23.errors.GoogleAdsError;
import com.google.ads.googleads.v23.errors.GoogleAdsException;
import com.google.ads.googleads.v23.errors.GoogleAdsFailure;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import java.time.Duration;

/**
 * Turns what the Google Ads library throws into an {@link AdsFailure}. The GoogleAdsFailure in the trailers decides
 * first (a QuotaError with its retry_delay, an AuthenticationError or AuthorizationError, an InternalError); without
 * one, the gRPC status code does.
 */
public final class AdsErrorClassifier {

    private AdsErrorClassifier() {
    }

    public static AdsFailure classify(Throwable t) {
        if (t instanceof AdsFailure f) {
            return f;
        }
        GoogleAdsException ads = find(t, GoogleAdsException.class);
        if (ads != null) {
            return fromFailure(ads.getGoogleAdsFailure(), ads.getRequestId(), ads);
        }
        ApiException api = find(t, ApiException.class);
        if (api != null) {
            return new AdsFailure(byStatus(api.getStatusCode().getCode()), "Google Ads call failed: " + api.getStatusCode().getCode()
                    + " " + api.getMessage(), null, null, api);
        }
        return new AdsFailure(AdsFailure.Kind.TRANSIENT, "Google Ads call failed: " + t, null, null, t);
    }

    static AdsFailure fromFailure(GoogleAdsFailure failure, String requestId, Throwable cause) {
        AdsFailure.Kind kind = AdsFailure.Kind.PERMANENT;
        Duration delay = null;
        StringBuilder message = new StringBuilder();
        for (GoogleAdsError error : failure.getErrorsList()) {
            if (!message.isEmpty()) {
                message.append("; ");
            }
            message.append(codeName(error)).append(": ").append(error.getMessage());
            switch (error.getErrorCode().getErrorCodeCase()) {
                case QUOTA_ERROR -> {
                    kind = AdsFailure.Kind.QUOTA;
                    if (error.getDetails().hasQuotaErrorDetails() && error.getDetails().getQuotaErrorDetails().hasRetryDelay()) {
                        com.google.protobuf.Duration d = error.getDetails().getQuotaErrorDetails().getRetryDelay();
                        delay = Duration.ofSeconds(d.getSeconds(), d.getNanos());
                    }
                }
                case AUTHENTICATION_ERROR, AUTHORIZATION_ERROR -> {
                    if (kind != AdsFailure.Kind.QUOTA) {
                        kind = AdsFailure.Kind.AUTH;
                    }
                }
                case INTERNAL_ERROR -> {
                    if (kind == AdsFailure.Kind.PERMANENT) {
                        kind = AdsFailure.Kind.TRANSIENT;
                    }
                }
                default -> {
                    // permanent: a bad query, a bad id
                }
            }
        }
        return new AdsFailure(kind, "Google Ads: " + message + (requestId == null ? "" : " (request " + requestId + ")"), delay,
                requestId, cause);
    }

    /** The error's code as Google names it, e.g. {@code QUOTA_ERROR.RESOURCE_EXHAUSTED}. */
    static String codeName(GoogleAdsError error) {
        var code = error.getErrorCode();
        var field = code.getDescriptorForType().findFieldByNumber(code.getErrorCodeCase().getNumber());
        if (field == null) {
            return "UNKNOWN";
        }
        Object value = code.getField(field);
        return field.getName().toUpperCase() + "." + value;
    }

    private static AdsFailure.Kind byStatus(StatusCode.Code code) {
        return switch (code) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, ABORTED, INTERNAL, UNKNOWN, RESOURCE_EXHAUSTED -> AdsFailure.Kind.TRANSIENT;
            case UNAUTHENTICATED, PERMISSION_DENIED -> AdsFailure.Kind.AUTH;
            default -> AdsFailure.Kind.PERMANENT;
        };
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
