package io.odoohub.googleads.flow;

import io.odoohub.googleads.client.AdsEndpoint;
import java.util.List;

/**
 * Which accounts, reached how.
 *
 * @param enabled         whether the connector runs
 * @param customerIds     the accounts whose metrics are imported and conversions uploaded (digits only)
 * @param loginCustomerId the manager account the calls go through, or null
 * @param endpoint        where the API is: host:port over TLS, or a plaintext test server on loopback
 * @param authMode        {@code oauth} or {@code service-account}
 */
public record Account(boolean enabled, List<String> customerIds, String loginCustomerId, AdsEndpoint endpoint, String authMode) {
}
