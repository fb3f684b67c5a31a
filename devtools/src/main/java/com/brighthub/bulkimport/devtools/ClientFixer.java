package com.brighthub.bulkimport.devtools;

import com.brighthub.bulkimport.model.events.ReasonCode;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Does what an admin does in BrightManager after reading the failures file: completes blank required
 * fields, adds Address Line 1 where it is missing, picks a role for contacts without one, and corrects
 * what BrightClient rejected. Used by the demo and the system tests.
 */
public final class ClientFixer {

    private ClientFixer() {
    }

    /** A copy of {@code client} with the defects behind {@code reasons} fixed (and no others). */
    public static ObjectNode fix(JsonNode client, Set<ReasonCode> reasons) {
        ObjectNode fixed = client.deepCopy();
        if (reasons.contains(ReasonCode.REQUIRED_FIELD_BLANK)) {
            if (blank(fixed, "name")) {
                fixed.put("name", "Corrected Name Ltd");
            }
            if (blank(fixed, "type")) {
                fixed.put("type", "PARTNERSHIP");
            }
            String type = fixed.path("type").asText();
            if (("LIMITED_COMPANY".equals(type) || "LLP".equals(type)) && blank(fixed, "companyNumber")) {
                fixed.put("companyNumber", "09876543");
            }
        }
        if (reasons.contains(ReasonCode.ADDRESS_LINE_1_MISSING)) {
            for (JsonNode address : fixed.path("addresses")) {
                if (blank(address, "line1")) {
                    ((ObjectNode) address).put("line1", "1 Corrected Street");
                }
            }
        }
        if (reasons.contains(ReasonCode.CONTACT_ROLE_MISSING)) {
            for (JsonNode contact : fixed.path("contacts")) {
                if (blank(contact, "role")) {
                    ((ObjectNode) contact).put("role", "DIRECTOR");
                }
            }
        }
        if (reasons.contains(ReasonCode.BRIGHTCLIENT_REJECTED)) {
            fixed.putNull("vatNumber");
        }
        return fixed;
    }

    private static boolean blank(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() || v.asText().isBlank();
    }
}
