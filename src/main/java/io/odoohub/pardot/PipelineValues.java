package io.odoohub.pardot;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A lead's pipeline values (stage, owner, probability, won/lost), hashed. The hub remembers the hash after its own
 * writes and after each push, so the push sends only changes made in Odoo: no echo of what came from Pardot.
 */
final class PipelineValues {

    static final List<String> FIELDS = List.of("id", "x_pardot_prospect_id", "stage_id", "user_id", "probability", "won_status",
            "active", "type", "write_date", "x_pardot_delete_requested");

    /** What is pushed for one lead. */
    record Values(int leadId, String prospectId, String stage, String owner, String probability, String status) {

        String hash() {
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(String.join("\u0000", String.valueOf(stage), String.valueOf(owner),
                        String.valueOf(probability), String.valueOf(status)).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(d);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final PardotOdoo odoo;
    private final PardotState state;

    PipelineValues(PardotOdoo odoo, PardotState state) {
        this.odoo = odoo;
        this.state = state;
    }

    static Values of(Map<String, Object> lead) {
        String status = "won".equals(lead.get("won_status")) ? "won"
                : "lost".equals(lead.get("won_status")) || Boolean.FALSE.equals(lead.get("active")) ? "lost" : "open";
        return new Values((Integer) lead.get("id"), ProspectFlow.text(lead.get("x_pardot_prospect_id")), name(lead.get("stage_id")),
                name(lead.get("user_id")), ProspectFlow.text(lead.get("probability")), status);
    }

    /** Reads the leads (one call) and remembers their values as known to Pardot. */
    void remember(Collection<Integer> leadIds) {
        List<PardotState.PushState> states = new ArrayList<>();
        for (Map<String, Object> lead : odoo.readLeads(leadIds, FIELDS)) {
            Values v = of(lead);
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
