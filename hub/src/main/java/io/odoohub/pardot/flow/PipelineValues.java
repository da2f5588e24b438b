package io.odoohub.pardot.flow;

import io.odoohub.support.Hashes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.odoohub.pardot.odoo.PardotOdoo;

/**
 * A lead's pipeline values (stage, owner, probability, won/lost, lost reason), hashed. The hub remembers the hash after
 * its own writes and after each push, so the push sends only changes made in Odoo: no echo of what came from Pardot.
 *
 * <p>Odoo 18 has no won/lost field on crm.lead; its own filters say it: won is an active lead at a stage marked
 * {@code is_won}, lost an archived lead at 0 % or with a lost reason ({@code action_set_lost} and the lost wizard do
 * both). An archived lead that is neither is "archived": out of the pipeline, not lost.
 */
public final class PipelineValues {

    static final List<String> FIELDS = List.of("id", "x_pardot_prospect_id", "stage_id", "user_id", "probability", "active",
            "lost_reason_id", "type", "write_date", "x_pardot_delete_requested");

    /** What is pushed for one lead. */
    record Values(int leadId, String prospectId, String stage, String owner, String probability, String status, String lostReason) {

        String hash() {
            List<String> parts = new ArrayList<>(List.of(String.valueOf(stage), String.valueOf(owner), String.valueOf(probability),
                    String.valueOf(status)));
            if (lostReason != null) {
                // only when set, so that the hashes remembered before the lost reason was pushed stay valid
                parts.add(lostReason);
            }
            return Hashes.sha256Hex(String.join("\u0000", parts));
        }
    }

    /** How long {@link #remember} trusts the won stages it read: a stage newly (un)marked won costs one redundant push at most. */
    private static final long WON_STAGES_TTL_NANOS = 60_000_000_000L;

    private final PardotOdoo odoo;
    private final PardotState state;
    private volatile Set<Integer> wonStages;
    private volatile long wonStagesReadAt;

    public PipelineValues(PardotOdoo odoo, PardotState state) {
        this.odoo = odoo;
        this.state = state;
    }

    /** @param wonStages the ids of the stages marked is_won ({@link PardotOdoo#wonStageIds()}) */
    static Values of(Map<String, Object> lead, Set<Integer> wonStages) {
        return new Values((Integer) lead.get("id"), ProspectFlow.text(lead.get("x_pardot_prospect_id")), name(lead.get("stage_id")),
                name(lead.get("user_id")), ProspectFlow.text(lead.get("probability")), status(lead, wonStages), name(lead.get("lost_reason_id")));
    }

    static String status(Map<String, Object> lead, Set<Integer> wonStages) {
        boolean active = !Boolean.FALSE.equals(lead.get("active"));
        if (active) {
            Object stage = lead.get("stage_id");
            return stage instanceof List<?> l && !l.isEmpty() && wonStages.contains(l.get(0)) ? "won" : "open";
        }
        boolean atZero = lead.get("probability") instanceof Number n && n.doubleValue() == 0;
        return atZero || name(lead.get("lost_reason_id")) != null ? "lost" : "archived";
    }

    /**
     * Reads the leads (one call) and remembers their values as known to Pardot. The won stages are read at most once a
     * minute here: a value remembered with a stale answer differs from the next push's fresh one, which then sends the
     * lead's values again; nothing is lost, and a drain of 10,000 prospects saves 50 calls.
     */
    void remember(Collection<Integer> leadIds) {
        if (leadIds.isEmpty()) {
            return;
        }
        Set<Integer> won = wonStages;
        if (won == null || System.nanoTime() - wonStagesReadAt > WON_STAGES_TTL_NANOS) {
            won = odoo.wonStageIds();
            wonStages = won;
            wonStagesReadAt = System.nanoTime();
        }
        List<PardotState.PushState> states = new ArrayList<>();
        for (Map<String, Object> lead : odoo.readLeads(leadIds, FIELDS)) {
            Values v = of(lead, won);
            if (v.prospectId() != null) {
                states.add(new PardotState.PushState(v.leadId(), v.prospectId(), v.hash(), v.stage()));
            }
        }
        state.savePushStates(states);
    }

    private static String name(Object many2one) {
        return many2one instanceof List<?> l && l.size() > 1 ? String.valueOf(l.get(1)) : null;
    }
}
