package io.odoohub.connector;

import io.odoohub.odoo.OdooRequirement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One source system wired into the hub (the catalog, Shopify, Pardot, Google Ads). A connector owns its package:
 * its client, its normaliser (payload -> record), its mapper (record -> Odoo values), its error classifier and its
 * routes. It plugs into the shared pieces through {@link HubParts}: it stores inbound events in the inbox with its
 * own dedupe and entity keys, and for each inbox flow it names it provides the route {@code direct:apply-<flow>}
 * (taking a {@code List<InboxEvent>}, answering a {@code List<EventOutcome>}) that the shared drain calls.
 *
 * <p>{@code runtime.HubConfiguration#connectors()} (the composition root) lists the connectors; adding one is one line there.
 */
public interface Connector {

    /** A short name for logs, health and the API: the class name without "Connector", in lower case ("shopify"). */
    default String name() {
        return getClass().getSimpleName().replaceFirst("Connector$", "").toLowerCase(Locale.ROOT);
    }

    /** Whether its settings switched it on (known after {@link #install}); the catalog is always on. */
    default boolean switchedOn() {
        return true;
    }

    /** The credential store names this connector reads its secrets from (set write-only by an admin), none by default. */
    default List<String> credentialNames() {
        return List.of();
    }

    /**
     * How to test the connection to its remote system (asks something cheap and read-only, and says what it answered),
     * for an operator's "Test connection"; none for a connector with no remote system to ask (the catalog). Known after
     * {@link #install}.
     */
    default Optional<Supplier<ConnectionTest>> connectionTest() {
        return Optional.empty();
    }

    /**
     * The routes of {@code routes/} without which events it acknowledges would have nowhere to go (its webhook, its apply
     * routes). When it is switched on and one of them is not among the routes the hub read, the hub does not start,
     * and says which and where it looked.
     */
    default List<String> requiredRoutes() {
        return List.of();
    }

    /** The inbox flows this connector feeds; each gets a drain route, health, metrics and the operations API. */
    List<String> flows();

    /** Reads the connector's settings, binds its beans and adds its routes. Runs once, before Camel starts. */
    void install(HubParts hub) throws Exception;

    /**
     * What this connector needs from the Odoo database (models and fields, with the module that brings them and what it
     * does without an optional one). Checked at start, in health and in test-connection; the connector itself asks
     * {@link io.odoohub.odoo.OdooClient#capabilities()} where its behaviour depends on the answer. Asked after
     * {@link #install}, so a connector that is switched off answers none: its needs would otherwise show as missing
     * in health on a database that does not have its modules, and be read from Odoo for nothing.
     */
    default List<OdooRequirement> odooRequirements() {
        return List.of();
    }
}
