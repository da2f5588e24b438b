package io.odoohub.odoo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the connectors need from the hub's Odoo database ({@code Connector.odooRequirements()}), checked against what
 * the database has ({@link OdooCapabilities}): at start (logged), again for health once the last answer is older than
 * its time to live (logged when it changes), and against any connection a test-connection endpoint tries.
 *
 * <p>A missing optional model or field is named with what the hub does instead; a missing required one with the
 * connector that cannot work without it. Odoo being unreachable is not a finding: the last answer is kept, and the
 * outage shows in the flows' health.
 */
public final class OdooNeeds {

    /** The registry name of the hub's instance. */
    public static final String BEAN = "odooNeeds";

    private static final Logger LOG = LoggerFactory.getLogger(OdooNeeds.class);

    /** One requirement of one connector. */
    public record Need(String connector, OdooRequirement requirement) {
    }

    /** One requirement as the database answers it. */
    public record Item(String connector, OdooCapabilities.Finding finding, Boolean moduleInstalled) {

        public boolean present() {
            return finding.present();
        }

        public boolean required() {
            return !finding.requirement().optional();
        }

        /** e.g. "shopify connector: missing delivery.carrier (module delivery, for ...): ..." */
        public String message() {
            return connector + " connector: " + finding.message();
        }

        public Map<String, Object> toJson() {
            OdooRequirement r = finding.requirement();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("connector", connector);
            m.put("module", r.module());
            m.put("module_installed", moduleInstalled);
            m.put("model", r.model());
            m.put("field", r.field());
            m.put("present", finding.present());
            m.put("required", required());
            m.put("purpose", r.purpose());
            m.put("instead", finding.present() ? null : r.optional() ? r.fallback() : "cannot work without it");
            m.put("message", message());
            return m;
        }
    }

    /**
     * What one check found: every requirement with its answer and the installed modules (empty when the user may
     * not read them), or why Odoo could not be asked.
     */
    public record Report(Instant checkedAt, List<Item> items, Optional<Set<String>> modules, String error) {

        static Report failed(Instant at, String error) {
            return new Report(at, List.of(), Optional.empty(), error);
        }

        public boolean checked() {
            return error == null;
        }

        /** The same answer, for one connector's needs only. */
        public Report of(String connector) {
            return new Report(checkedAt, items.stream().filter(i -> i.connector().equals(connector)).toList(), modules, error);
        }

        public List<Item> missing() {
            return items.stream().filter(i -> !i.present()).toList();
        }

        public List<Item> missingRequired() {
            return items.stream().filter(i -> !i.present() && i.required()).toList();
        }

        /** One plain sentence on the whole. */
        public String summary() {
            if (!checked()) {
                return "could not ask Odoo what it has: " + error;
            }
            List<Item> missing = missing();
            String modulesText = modules.map(m -> m.size() + " modules installed").orElse("installed modules not readable by this user");
            if (missing.isEmpty()) {
                return "Odoo has everything the connectors need (" + items.size() + " models and fields checked; " + modulesText + ")";
            }
            int required = missingRequired().size();
            return "Odoo lacks " + missing.size() + " of the " + items.size() + " models and fields the connectors need"
                    + (required > 0 ? " (" + required + " without which a connector cannot work)" : " (the hub does without them)")
                    + "; " + modulesText;
        }

        public Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("checked", checked());
            m.put("checked_at", checkedAt.toString());
            m.put("summary", summary());
            if (!checked()) {
                m.put("error", error);
            }
            m.put("missing", missing().stream().map(Item::toJson).toList());
            m.put("requirements", items.stream().map(Item::toJson).toList());
            m.put("installed_modules", modules.map(List::copyOf).orElse(null));
            return m;
        }
    }

    private final List<Need> needs;
    private final Supplier<OdooClient> client;
    private final Clock clock;
    private final Duration ttl;
    private final Duration retry;
    private volatile Report last;
    private volatile Instant nextCheckAt = Instant.MIN;

    /**
     * @param client the hub's shared client (its capabilities are what the connectors ask)
     * @param ttl    how long an answer stands before health asks Odoo again
     * @param retry  how long a failed attempt stands before the next
     */
    public OdooNeeds(List<Need> needs, Supplier<OdooClient> client, Clock clock, Duration ttl, Duration retry) {
        this.needs = List.copyOf(needs);
        this.client = client;
        this.clock = clock;
        this.ttl = ttl;
        this.retry = retry;
    }

    public List<Need> needs() {
        return needs;
    }

    /** The needs of one connector. */
    public List<Need> of(String connector) {
        return needs.stream().filter(n -> n.connector().equals(connector)).toList();
    }

    /** The last answer, asking Odoo again first when it is stale (or when it has never been asked). */
    public Report current() {
        Report r = last;
        if (r == null || !clock.instant().isBefore(nextCheckAt)) {
            return checkNow();
        }
        return r;
    }

    /** Asks Odoo again (what it has is read afresh) and logs what changed since the last answer: everything, the first time. */
    public synchronized Report checkNow() {
        OdooClient c = client.get();
        c.capabilities().refresh();
        Report previous = last;
        Report now = check(c, needs, clock);
        nextCheckAt = now.checkedAt().plus(now.checked() ? ttl : retry);
        if (!now.checked() && previous != null && previous.checked()) {
            // an outage says nothing about what the database has: the last answer stands until Odoo answers again
            LOG.warn("{}; the answer of {} stands", now.summary(), previous.checkedAt());
            return previous;
        }
        last = now;
        if (previous == null || previous.checked() != now.checked() || !previous.missing().equals(now.missing())) {
            log(now);
        }
        return now;
    }

    /** Checks needs against any client (a connection being tested); nothing is kept. */
    public static Report check(OdooClient client, List<Need> needs, Clock clock) {
        Instant at = clock.instant();
        try {
            OdooCapabilities caps = client.capabilities();
            Optional<Set<String>> modules = caps.installedModules();
            List<Item> items = new ArrayList<>();
            List<OdooCapabilities.Finding> findings = caps.check(needs.stream().map(Need::requirement).toList());
            for (int i = 0; i < needs.size(); i++) {
                String module = needs.get(i).requirement().module();
                items.add(new Item(needs.get(i).connector(), findings.get(i), modules.map(m -> m.contains(module)).orElse(null)));
            }
            return new Report(at, List.copyOf(items), modules, null);
        } catch (RuntimeException e) {
            // unreachable, refused login, or an answer the client could not read: nothing is known about the database
            return Report.failed(at, e.getMessage());
        }
    }

    private static void log(Report r) {
        if (!r.checked()) {
            LOG.warn("{}; asking again later (health shows the answer)", r.summary());
            return;
        }
        if (r.missing().isEmpty()) {
            LOG.info("{}", r.summary());
            return;
        }
        LOG.warn("{}", r.summary());
        for (Item i : r.missing()) {
            if (i.required()) {
                LOG.error("{}", i.message());
            } else {
                LOG.warn("{}", i.message());
            }
        }
    }
}
