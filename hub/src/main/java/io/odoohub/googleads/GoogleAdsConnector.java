package io.odoohub.googleads;

import com.google.api.gax.core.NoCredentialsProvider;
import io.odoohub.odoo.OdooClient;
import io.odoohub.odoo.OdooComponent;
import io.odoohub.odoo.OdooNeeds;
import io.odoohub.connector.ConnectionTest;
import io.odoohub.connector.Connector;
import io.odoohub.connector.HubParts;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import io.odoohub.error.PullBackoff;
import io.odoohub.error.RetrySettings;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.odoohub.googleads.api.GoogleAdsApiRoutes;
import io.odoohub.googleads.client.Accounts;
import io.odoohub.googleads.client.AdsServices;
import io.odoohub.googleads.client.GoogleAdsApi;
import io.odoohub.googleads.client.GoogleAdsCredentials;
import io.odoohub.googleads.flow.CampaignCache;
import io.odoohub.googleads.flow.ConversionUpload;
import io.odoohub.googleads.flow.GoogleAdsJobs;
import io.odoohub.googleads.flow.LabelMappings;
import io.odoohub.googleads.flow.MetricsImport;
import io.odoohub.googleads.flow.Reconciliation;
import io.odoohub.googleads.flow.RunState;
import io.odoohub.googleads.odoo.OdooAdsSchema;

/**
 * Google Ads: campaign metrics into Odoo ({@code routes/google-ads-metrics.camel.yaml}) and offline click
 * conversions from Odoo back to Google Ads ({@code routes/google-ads-conversions.camel.yaml}), both scheduled
 * polls. Their flows have pause/resume, health and notifications like every flow; their inbox stays empty,
 * because what they read can always be read again (metrics from Google, due conversions from Odoo).
 *
 * <p>A bean named {@value #OPENER_BEAN} ({@link GoogleAdsApi.Opener}) in the registry replaces the production
 * connection (TLS to the API with the stored credentials): tests put one there for the in-process fake. Out of
 * process, {@code hub.google-ads.endpoint=plaintext://127.0.0.1:<port>} reaches a fake on a loopback port.
 */
public final class GoogleAdsConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(GoogleAdsConnector.class);
    public static final String OPENER_BEAN = "googleAdsOpener";
    public static final String JOBS_BEAN = "googleAdsJobs";

    @Override
    public String name() {
        return GoogleAdsJobs.CONNECTOR;
    }

    @Override
    public List<String> flows() {
        return List.of(GoogleAdsJobs.METRICS_FLOW, GoogleAdsJobs.CONVERSIONS_FLOW);
    }

    /** The production connection: TLS with the stored credentials, or a loopback test server without any. */
    private static GoogleAdsApi.Opener opener(GoogleAdsSettings settings, GoogleAdsCredentials credentials) {
        String endpoint = settings.account().endpoint().hostPort();
        if (settings.account().endpoint().plaintext()) {
            return () -> AdsServices.open(AdsServices.plaintextChannel(endpoint), NoCredentialsProvider.create(),
                    AdsServices.headers(null, settings.account().loginCustomerId()));
        }
        return () -> AdsServices.open(AdsServices.tlsChannel(endpoint), credentials.provider(),
                AdsServices.headers(credentials.developerToken().orElse(null), settings.account().loginCustomerId()));
    }

    /** Set by {@link #install}: hub.google-ads.enabled. */
    private boolean on;
    private Supplier<ConnectionTest> test;

    @Override
    public Optional<Supplier<ConnectionTest>> connectionTest() {
        return Optional.ofNullable(test);
    }

    @Override
    public boolean switchedOn() {
        return on;
    }

    @Override
    public List<String> credentialNames() {
        return List.of(GoogleAdsCredentials.CLIENT_ID, GoogleAdsCredentials.CLIENT_SECRET, GoogleAdsCredentials.REFRESH_TOKEN,
                GoogleAdsCredentials.SERVICE_ACCOUNT_KEY, GoogleAdsCredentials.DEVELOPER_TOKEN);
    }

    @Override
    public void install(HubParts hub) throws Exception {
        GoogleAdsSettings settings = GoogleAdsSettings.from(hub.properties());
        GoogleAdsCredentials credentials = new GoogleAdsCredentials(hub.credentials(), settings.account().authMode());
        GoogleAdsApi.Opener opener = hub.context().getRegistry().lookupByNameAndType(OPENER_BEAN, GoogleAdsApi.Opener.class);
        if (opener == null) {
            opener = opener(settings, credentials);
        }
        GoogleAdsApi api = new GoogleAdsApi(opener);
        // the gRPC channels close with the runtime
        hub.context().addService(new org.apache.camel.support.service.ServiceSupport() {
            @Override
            protected void doStop() {
                api.close();
            }
        }, true);
        OdooClient odoo = hub.context().getComponent("odoo", OdooComponent.class).client(hub.odoo());
        Accounts accounts = new Accounts(api);
        OdooAdsSchema schema = new OdooAdsSchema(odoo);
        MetricsImport metrics = new MetricsImport(api, accounts, odoo, settings.metrics(), new CampaignCache(settings.metrics().structureRefresh()), hub.clock());
        ConversionUpload upload = new ConversionUpload(api, accounts, odoo, settings.account(), settings.conversions(), hub.clock());
        RunState state = new RunState(hub.database().dataSource());
        // the shared pause-with-backoff (hub.retry.pull.*); its longest wait is hub.google-ads.transient-backoff-max-minutes, the
        // alias of hub.retry.pull.max-delay-ms (the same value when the alias is empty)
        RetrySettings pull = hub.settings().retry().pull().withMaxDelay(settings.transientBackoffMax());
        GoogleAdsJobs jobs = new GoogleAdsJobs(settings.account(), settings.metrics(), settings.conversions(), metrics, upload, state, schema, hub.flowControl(), hub.syncLog(), hub.counters(),
                hub.clock(), new PullBackoff(pull, hub.clock(), null), settings.startDelay());
        hub.context().getRegistry().bind(JOBS_BEAN, jobs);
        hub.context().getRegistry().bind("googleAdsApi", api);
        GoogleAdsApiRoutes routes = new GoogleAdsApiRoutes(hub.apiGuard(), api, settings.account(), settings.metrics(), settings.conversions(), jobs, state, schema, upload.odoo(),
                new Reconciliation(api, odoo), new LabelMappings(hub.database().dataSource(), hub.clock()), hub.flowControl(),
                category -> !odoo.searchRead("product.category", List.of(List.of("complete_name", "=", category)), List.of("id"), null, 0, 1,
                        null).isEmpty());
        hub.context().addRoutes(routes);
        CamelContext context = hub.context();
        test = () -> routes.testConnection(context.getRegistry().lookupByNameAndType(OdooNeeds.BEAN, OdooNeeds.class));
        on = settings.account().enabled();
        if (settings.account().enabled()) {
            if (settings.account().endpoint().plaintext()) {
                LOG.warn("Google Ads: plaintext endpoint {}, a test server on loopback; no credentials are sent", settings.account().endpoint());
            }
            LOG.info("Google Ads: customers {}, metrics every {} min (lookback {} days), conversions every {} min", settings.account().customerIds(),
                    settings.metrics().importPeriod().toMinutes(), settings.metrics().lookbackDays(), settings.conversions().uploadPeriod().toMinutes());
            if (!jobs.uploadsOn()) {
                LOG.info("Google Ads: conversion upload off (hub.google-ads.conversion-action is empty)");
            }
        } else {
            LOG.info("Google Ads: off (set hub.google-ads.enabled=true, hub.google-ads.customer-ids and the credentials to turn it on)");
        }
    }
}
