package io.odoohub.shopify.flow;

import io.odoohub.error.PullBackoff;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Shopify schedules call (bean {@code shopifySchedule}: {@code routes/shopify-push.camel.yaml},
 * {@code routes/shopify-reconcile.camel.yaml}). Their Quartz triggers fire on one node of the cluster per tick; a job
 * runs only once the runtime has been up a push period (an hour for the reconciliation), then once its period has
 * passed since its last run ({@code shopify.push.interval-ms}; a day for the reconciliation), or, after a retryable failure (Shopify or
 * Odoo away, Shopify throttling beyond the client's patience), once the shared pause-with-backoff has passed
 * ({@link PullBackoff}: {@code hub.retry.pull.*}, never later than the period). A failed push moves no cursor.
 */
public final class ShopifySchedule {

    static final String PUSH = "shopify push";
    static final String RECONCILE = "shopify reconciliation";
    private static final Logger LOG = LoggerFactory.getLogger(ShopifySchedule.class);
    private static final Duration DAY = Duration.ofDays(1);
    /** The reconciliation's wait after the start: a runtime that starts does not begin with a day's comparison. */
    private static final Duration RECONCILE_START_DELAY = Duration.ofHours(1);

    private final Supplier<?> push;
    private final Supplier<?> reconciliation;
    private final boolean pushEnabled;
    private final Duration pushPeriod;
    private final boolean reconcileEnabled;
    private final Duration reconcilePeriod;
    private final Duration reconcileStartDelay;
    private final PullBackoff backoff;
    private volatile boolean toldDisabled;

    /** {@code push}: a push run ({@code ShopifyPush::run}); {@code reconciliation}: the daily one ({@code ShopifyReconciliation::daily}). */
    public ShopifySchedule(Supplier<?> push, Supplier<?> reconciliation, boolean pushEnabled, Duration pushPeriod, boolean reconcileEnabled,
                    PullBackoff backoff) {
        this(push, reconciliation, pushEnabled, pushPeriod, reconcileEnabled, DAY, RECONCILE_START_DELAY, backoff);
    }

    /**
     * @param reconcilePeriod     how often the reconciliation runs ({@code hub.shopify.reconcile.period-ms}, a day)
     * @param reconcileStartDelay the wait after the runtime's start before it runs one ({@code hub.shopify.reconcile.start-delay-ms})
     */
    public ShopifySchedule(Supplier<?> push, Supplier<?> reconciliation, boolean pushEnabled, Duration pushPeriod, boolean reconcileEnabled,
                           Duration reconcilePeriod, Duration reconcileStartDelay, PullBackoff backoff) {
        this.push = push;
        this.reconciliation = reconciliation;
        this.pushEnabled = pushEnabled;
        this.pushPeriod = pushPeriod;
        this.reconcileEnabled = reconcileEnabled;
        this.reconcilePeriod = reconcilePeriod;
        this.reconcileStartDelay = reconcileStartDelay;
        this.backoff = backoff;
    }

    /** The push schedule's tick: pushes when the push is enabled and due (the push itself does nothing while its flow is paused). */
    public void pushIfDue() {
        if (!pushEnabled) {
            if (!toldDisabled) {
                LOG.info("Shopify push is off (shopify.push.enabled=false)");
                toldDisabled = true;
            }
            return;
        }
        backoff.runIfDue(PUSH, pushPeriod, pushPeriod, push, null);
    }

    /** The reconciliation schedule's tick: yesterday and today, with resync, once a day when enabled. */
    public void reconcileIfDue() {
        if (reconcileEnabled) {
            backoff.runIfDue(RECONCILE, reconcilePeriod, reconcileStartDelay, reconciliation, null);
        }
    }

    /** A job's pause-with-backoff state (failures in a row, next run, last error), or null before its first run. */
    public PullBackoff.Job state(String job) {
        return backoff.job(job);
    }
}
