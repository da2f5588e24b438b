package io.odoohub.error;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.support.ExpressionAdapter;
import org.apache.camel.builder.RouteConfigurationBuilder;

/**
 * The one error policy every flow opts into with {@code routeConfigurationId: hub-error-policy}: retryable
 * failures are redelivered with exponential backoff, permanent ones are not, and whatever still fails becomes a
 * dead letter in the database (payload as received, reason, attempts, route). This is the redelivery of the
 * {@link RetryModel}, for source routes; events and scheduled pulls have their own mechanisms there.
 */
public class ErrorPolicy extends RouteConfigurationBuilder {

    public static final String ID = "hub-error-policy";
    public static final String DEAD_LETTER_ENDPOINT = "direct:hub-dead-letter";
    /** Exchange property naming the flow an exchange belongs to (defaults to the route id). */
    public static final String FLOW_PROPERTY = "hubFlow";
    /** Exchange property with the source's key of the record, for the dead letter. */
    public static final String SOURCE_KEY_PROPERTY = "hubSourceKey";
    /** Exchange property counting failed attempts (the message's headers are the original's in the dead letter). */
    public static final String ATTEMPTS_PROPERTY = "hubAttempts";
    /**
     * Exchange property with what the dead letter keeps instead of the message, when the message must not be read or
     * kept (a product file over its size cap: the dead letter says so instead of holding the file).
     */
    public static final String PAYLOAD_PROPERTY = "hubDeadLetterPayload";

    private final RetrySettings settings;

    public ErrorPolicy(RetrySettings settings) {
        this.settings = settings;
    }

    @Override
    public void configuration() {
        int max = settings.maxRedeliveries();
        Expression retryable = new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                // asked once per failed attempt: count them here, where they are known for sure
                int failures = exchange.getProperty(ATTEMPTS_PROPERTY, 0, Integer.class) + 1;
                exchange.setProperty(ATTEMPTS_PROPERTY, failures);
                return failures <= max && FailureClassifier.isRetryable(FailureClassifier.failureOf(exchange));
            }
        };
        routeConfiguration(ID).errorHandler(deadLetterChannel(DEAD_LETTER_ENDPOINT)
                // if the dead letter cannot be stored, the failure is not swallowed: the source keeps the event
                .deadLetterHandleNewException(false)
                .useOriginalMessage()
                .retryWhile(retryable)
                .redeliveryDelay(settings.initialDelayMs())
                .useExponentialBackOff()
                .backOffMultiplier(settings.multiplier())
                .maximumRedeliveryDelay(settings.maxDelayMs())
                .asyncDelayedRedelivery()
                .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                .logExhausted(true));
    }
}
