package io.odoohub.googleads.flow;

import io.odoohub.error.PullBackoff;
import io.odoohub.error.RetrySettings;
import io.odoohub.history.SyncLog;
import io.odoohub.history.SyncRecord;
import io.odoohub.inbox.FlowControl;
import io.odoohub.inbox.FlowCounters;
import io.odoohub.odoo.fault.OdooTransportException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import io.odoohub.googleads.client.AdsFailure;
import io.odoohub.googleads.odoo.OdooAdsSchema;

/**
 * The two scheduled jobs (the YAML routes' Quartz triggers call {@code *IfDue} on every tick, on one node of the cluster) and what a failure does to them:
 * <ul>
 *   <li>a quota error pauses the flow until Google's retry_delay has passed (FlowControl resumes it by itself);</li>
 *   <li>a transient error (the network, Odoo away) sets the next try after the shared pause-with-backoff
 *       ({@link PullBackoff}, {@code hub.retry.pull.*}: doubling from 1 minute, up to a cap);</li>
 *   <li>an authentication or authorisation error, or missing credentials, pauses both flows until someone resumes them
 *       (the hub's notifications announce the pause);</li>
 *   <li>anything else is logged with the run and tried again at the next period.</li>
 * </ul>
 * State per job and customer is in {@link RunState}, so a restart neither repeats nor skips a run.
 */
public final class GoogleAdsJobs {

    private static final Logger LOG = LoggerFactory.getLogger(GoogleAdsJobs.class);

    /** The connector's name in logs, health and the API. */
    public static final String CONNECTOR = "googleads";
    public static final String METRICS_FLOW = "google-ads-metrics";
    public static final String CONVERSIONS_FLOW = "google-ads-conversions";
    static final String METRICS_JOB = "metrics";
    public static final String CONVERSIONS_JOB = "conversions";
    public static final String BY = "google-ads";

    private final Account accountSettings;
    private final Metrics metricsSettings;
    private final Conversions conversionSettings;
    private final MetricsImport metrics;
    private final ConversionUpload upload;

    private final RunState state;
    private final OdooAdsSchema schema;
    private final FlowControl flows;
    private final SyncLog syncLog;
    private final FlowCounters counters;
    private final Clock clock;
    private final PullBackoff backoff;
    private final Duration startDelay;

    /** With the pause-with-backoff's defaults (1 minute, doubling) up to {@code transientBackoffMax}. */
    public GoogleAdsJobs(Account accountSettings, Metrics metricsSettings, Conversions conversionSettings, Duration transientBackoffMax,
                         MetricsImport metrics, ConversionUpload upload, RunState state, OdooAdsSchema schema, FlowControl flows, SyncLog syncLog, FlowCounters counters, Clock clock) {
        this(accountSettings, metricsSettings, conversionSettings, metrics, upload, state, schema, flows, syncLog, counters, clock,
                new PullBackoff(new RetrySettings(0, 60_000, 2, 60_000).withMaxDelay(transientBackoffMax), clock, null), Duration.ZERO);
    }

    public GoogleAdsJobs(Account accountSettings, Metrics metricsSettings, Conversions conversionSettings, MetricsImport metrics,
                         ConversionUpload upload, RunState state, OdooAdsSchema schema, FlowControl flows, SyncLog syncLog, FlowCounters counters, Clock clock,
                         PullBackoff backoff, Duration startDelay) {
        this.backoff = backoff;
        this.startDelay = startDelay;
        this.schema = schema;
        this.accountSettings = accountSettings;
        this.metricsSettings = metricsSettings;
        this.conversionSettings = conversionSettings;
        this.metrics = metrics;
        this.upload = upload;
        this.state = state;
        this.flows = flows;
        this.syncLog = syncLog;
        this.counters = counters;
        this.clock = clock;
    }

    /** Timer tick: imports the metrics of each customer whose next run is due. */
    public List<MetricsImport.Result> importMetricsIfDue() {
        return importMetrics(false, "schedule");
    }

    /** Timer tick: uploads the due conversions when the upload is due. */
    public ConversionUpload.Result uploadConversionsIfDue() {
        return uploadConversions(false, "schedule");
    }

    /** Runs the import now for every customer (the API's "run now"); a paused flow still does not run. */
    public List<MetricsImport.Result> importMetricsNow() {
        return importMetrics(true, "api");
    }

    public ConversionUpload.Result uploadConversionsNow() {
        return uploadConversions(true, "api");
    }

    public boolean enabled() {
        return accountSettings.enabled();
    }

    /** Conversions are uploaded only once a conversion action is configured; the metrics import does not need one. */
    public boolean uploadsOn() {
        return accountSettings.enabled() && !conversionSettings.conversionAction().isBlank();
    }

    private synchronized List<MetricsImport.Result> importMetrics(boolean now, String trigger) {
        List<MetricsImport.Result> out = new ArrayList<>();
        if (!accountSettings.enabled() || flows.isPaused(METRICS_FLOW)) {
            return out;
        }
        for (String customer : accountSettings.customerIds()) {
            if (!now && !due(METRICS_JOB, customer)) {
                continue;
            }
            RunState.Run run = state.get(METRICS_JOB, customer);
            Instant started = clock.instant();
            try {
                schema.ensureOnce();
                LocalDate[] range = metrics.range(metrics.account(customer), run == null ? null : run.lastSuccessDay());
                MetricsImport.Result r = metrics.run(customer, range[0], range[1]);
                state.success(METRICS_JOB, customer, started, range[1], clock.instant().plus(metricsSettings.importPeriod()));
                counters.add(METRICS_FLOW, FlowCounters.Kind.WRITTEN, r.rows());
                log(METRICS_FLOW, "inbound", customer, "x_google_ads_metric", "success", "rows=" + r.rows() + " days=" + range[0] + ".." + range[1],
                        started, trigger, null);
                out.add(r);
            } catch (RuntimeException e) {
                if (failed(METRICS_FLOW, METRICS_JOB, customer, metricsSettings.importPeriod(), e, started, trigger)) {
                    break;
                }
            }
        }
        return out;
    }

    private synchronized ConversionUpload.Result uploadConversions(boolean now, String trigger) {
        if (!uploadsOn() || flows.isPaused(CONVERSIONS_FLOW)) {
            return null;
        }
        String customer;
        try {
            customer = upload.customerId();
        } catch (AdsFailure f) {
            failed(CONVERSIONS_FLOW, CONVERSIONS_JOB, "-", conversionSettings.uploadPeriod(), f, clock.instant(), trigger);
            return null;
        }
        if (!now && !due(CONVERSIONS_JOB, customer)) {
            return null;
        }
        Instant started = clock.instant();
        try {
            schema.ensureOnce();
            ConversionUpload.Result r = upload.run();
            state.success(CONVERSIONS_JOB, customer, started, LocalDate.ofInstant(started, java.time.ZoneOffset.UTC),
                    clock.instant().plus(conversionSettings.uploadPeriod()));
            counters.add(CONVERSIONS_FLOW, FlowCounters.Kind.WRITTEN, r.uploaded());
            if (r.failed() > 0) {
                counters.add(CONVERSIONS_FLOW, FlowCounters.Kind.FAILED, r.failed());
            }
            log(CONVERSIONS_FLOW, "outbound", customer, "sale.order", r.failed() > 0 ? "failed" : "success",
                    "requests=" + r.requests() + " uploaded=" + r.uploaded() + " retry=" + r.retry() + " failed=" + r.failed(), started, trigger,
                    r.failed() > 0 ? r.failed() + " conversions refused by Google (see GET /api/v1/google-ads/conversions/failed)" : null);
            return r;
        } catch (RuntimeException e) {
            failed(CONVERSIONS_FLOW, CONVERSIONS_JOB, customer, conversionSettings.uploadPeriod(), e, started, trigger);
            return null;
        }
    }

    /**
     * Whether a tick runs the job now: this runtime's start delay ({@code hub.google-ads.start-delay-ms}) has passed and
     * the job's next run (any node's last outcome) has come. Which node ticks is Quartz's: the routes' triggers fire on
     * one node of the cluster at a time, and a node that dies during a firing has it run again on another, which finds
     * the job still due.
     */
    private boolean due(String job, String customer) {
        if (backoff.starting(startDelay)) {
            return false;
        }
        RunState.Run run = state.get(job, customer);
        return run == null || run.nextRunAt() == null || !clock.instant().isBefore(run.nextRunAt());
    }

    /** Records a failed run and decides when the next try is; true when the other customers should not be tried now. */
    private boolean failed(String flow, String job, String customer, Duration period, RuntimeException e, Instant started, String trigger) {
        Instant now = clock.instant();
        AdsFailure f = e instanceof AdsFailure a ? a
                : e instanceof OdooTransportException ? new AdsFailure(AdsFailure.Kind.TRANSIENT, "Odoo: " + e.getMessage(), null, null, e)
                : null; // Odoo refused something, or a bug: tried again at the next period
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        log(flow, METRICS_FLOW.equals(flow) ? "inbound" : "outbound", customer, null, "failed", null, started, trigger, message);
        if (f == null) {
            LOG.error("Google Ads {} of {} failed; next try in {}: {}", job, customer, period, message, e);
            state.failure(job, customer, message, now.plus(period));
            return false;
        }
        switch (f.kind()) {
            case QUOTA -> {
                Duration wait = f.retryDelay() == null ? Duration.ofMinutes(1) : f.retryDelay();
                Instant resume = now.plus(wait);
                state.failure(job, customer, message, resume);
                flows.pause(flow, "Google Ads quota exhausted; retry_delay " + wait.toSeconds() + " s: " + message, BY, resume);
                return true;
            }
            case AUTH, CONFIGURATION -> {
                state.failure(job, customer, message, null);
                String reason = "Google Ads credentials need attention: " + message;
                flows.pause(METRICS_FLOW, reason, BY, null);
                flows.pause(CONVERSIONS_FLOW, reason, BY, null);
                return true;
            }
            case TRANSIENT -> {
                // the failures in a row are kept with the run state (the database), so the backoff survives a restart
                RunState.Run before = state.get(job, customer);
                Duration wait = backoff.delay((before == null ? 0 : before.failures()) + 1, f);
                state.failure(job, customer, message, now.plus(wait));
                LOG.warn("Google Ads {} of {} failed ({}); trying again in {}", job, customer, message, wait);
                return false;
            }
            default -> {
                state.failure(job, customer, message, now.plus(period));
                LOG.error("Google Ads {} of {} failed; next try in {}: {}", job, customer, period, message);
                return false;
            }
        }
    }

    private void log(String flow, String direction, String customer, String model, String status, String fields, Instant started,
                     String trigger, String error) {
        Instant end = clock.instant();
        syncLog.add(List.of(new SyncRecord(0, flow, direction, "customer/" + customer, model, null, status, fields,
                Duration.between(started, end).toMillis(), started, end, trigger, null, error, null)));
    }
}
