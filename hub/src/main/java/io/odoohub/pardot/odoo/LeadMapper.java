package io.odoohub.pardot.odoo;

import io.odoohub.odoo.ExternalIds;
import io.odoohub.support.Hashes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.odoohub.pardot.model.Grades;
import io.odoohub.pardot.model.PardotProspect;

/**
 * A cleansed prospect -> crm.lead values for {@code load}, bound by external id {@code pardot.lead_<hash of the email>} (one lead
 * per email, whatever the number of prospects that share it). Account fields (names, company, phone, address)
 * belong to Odoo once the lead exists; engagement fields (score, grade) always come from Pardot.
 */
public final class LeadMapper {

    static final String MODULE = "pardot";
    /**
     * Account data: Odoo wins on an existing lead. Names, company and phone always come from Pardot on creation; the
     * address and owner fields count when the mapping profile maps Pardot fields onto them.
     */
    public static final List<String> ACCOUNT_FIELDS = List.of("contact_name", "partner_name", "phone", "street", "street2", "city", "zip",
            "state_id", "country_id", "user_id");
    /** Fields the connector writes itself (the mapping profile may not take them). */
    static final Set<String> OWNED = Set.of("id", "name", "type", "email_from", "contact_name", "partner_name", "phone",
            "x_pardot_score", "x_pardot_grade", "x_pardot_prospect_id");

    private final ProspectCleanser cleanser;
    private final MappingProfile profile;

    public LeadMapper(ProspectCleanser cleanser, MappingProfile profile) {
        this.cleanser = cleanser;
        this.profile = profile;
    }

    /** The lead's external id: a hash of the email, so that ir.model.data holds no personal data in clear. */
    public static String leadXmlId(String email) {
        return ExternalIds.xmlid(MODULE, "lead_" + emailHash(email));
    }

    public static String partnerXmlId(String email) {
        return ExternalIds.xmlid(MODULE, "partner_" + emailHash(email));
    }

    public static String emailHash(String email) {
        // the first 16 bytes of the SHA-256, in hex
        return Hashes.sha256Hex(ProspectCleanser.emailKey(email)).substring(0, 32);
    }

    /** Every value Pardot has for the lead, before the conflict rules. */
    public Map<String, Object> values(PardotProspect p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", leadXmlId(p.email()));
        String contact = p.contactName();
        String company = ProspectCleanser.company(p.company());
        v.put("name", company != null ? company + (contact != null ? " - " + contact : "") : contact != null ? contact : p.email());
        v.put("email_from", p.email());
        v.put("contact_name", contact);
        v.put("partner_name", company);
        v.put("phone", cleanser.phone(p.phone(), p.country()));
        v.put("x_pardot_score", p.score() == null ? 0 : p.score());
        // the grade is a picklist in Odoo: a value Pardot does not define stays empty rather than failing the row
        v.put("x_pardot_grade", Grades.rank(p.grade()) < 0 ? null : Grades.ALL.get(Grades.rank(p.grade())));
        v.put("x_pardot_prospect_id", String.valueOf(p.id()));
        profile.prospectToLead().forEach((from, to) -> v.put(to, p.extra().get(from)));
        return v;
    }
}
