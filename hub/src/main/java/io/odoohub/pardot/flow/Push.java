package io.odoohub.pardot.flow;

import java.util.Map;

/**
 * What the push sends back.
 *
 * @param fields     Odoo value -> Pardot prospect field (stage, owner, probability, status, lost_reason)
 * @param stageLists Odoo stage name -> Pardot list id, for list memberships by stage
 */
public record Push(Map<String, String> fields, Map<String, String> stageLists) {
}
