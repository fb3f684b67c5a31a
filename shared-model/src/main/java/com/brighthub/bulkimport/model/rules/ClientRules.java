package com.brighthub.bulkimport.model.rules;

import com.brighthub.bulkimport.model.client.Address;
import com.brighthub.bulkimport.model.client.AddressType;
import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.client.ClientType;
import com.brighthub.bulkimport.model.client.Contact;
import com.brighthub.bulkimport.model.client.ContactRole;
import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.model.events.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The import rules of contracts.md in one place: the validator applies them to each record and the
 * import pre-flight uses the same code, so the two can never disagree.
 */
public final class ClientRules {

    /** Details name user data of any length; keep them to a size a report cell can show. */
    static final int MAX_DETAIL_LENGTH = 200;

    private ClientRules() {
    }

    /** Applies every rule; Self-Assessment is checked first and excludes the client outright. */
    public static Evaluation evaluate(Client client) {
        Optional<ClientType> type = ClientType.parse(client.type());
        if (type.isPresent() && type.get() == ClientType.SELF_ASSESSMENT) {
            return new Evaluation(Verdict.EXCLUDED,
                    List.of(new Reason(ReasonCode.SELF_ASSESSMENT, "Self-Assessment")));
        }
        List<Reason> reasons = new ArrayList<>();
        if (isBlank(client.name())) {
            reasons.add(blank(RequiredField.NAME));
        }
        if (type.isEmpty()) {
            reasons.add(blank(RequiredField.TYPE));
        } else if (type.get().needsCompanyNumber() && isBlank(client.companyNumber())) {
            reasons.add(blank(RequiredField.COMPANY_NUMBER));
        }
        // a client's lists hold no null entries (Client's constructor refuses them)
        for (Address address : client.addresses()) {
            if (isBlank(address.line1())) {
                reasons.add(new Reason(ReasonCode.ADDRESS_LINE_1_MISSING,
                        bounded(AddressType.labelOf(address.type()) + " address")));
            }
        }
        for (Contact contact : client.contacts()) {
            if (!hasKnownRole(contact)) {
                reasons.add(new Reason(ReasonCode.CONTACT_ROLE_MISSING, bounded(describe(contact))));
            }
        }
        return new Evaluation(reasons.isEmpty() ? Verdict.PASS : Verdict.FAIL, reasons);
    }

    private static Reason blank(RequiredField field) {
        return new Reason(ReasonCode.REQUIRED_FIELD_BLANK, field.key());
    }

    private static boolean hasKnownRole(Contact contact) {
        if (isBlank(contact.role())) {
            return false;
        }
        try {
            ContactRole.valueOf(contact.role().strip());
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String describe(Contact contact) {
        String kind = contact.kind() == null ? "" : switch (contact.kind().strip()) {
            case "MAIN" -> " (Main Contact)";
            case "SECONDARY" -> " (Secondary Contact)";
            default -> " (Other Contact)";
        };
        String unknownRole = isBlank(contact.role()) ? "" : ", unrecognised role '" + contact.role().strip() + "'";
        return contact.displayName() + kind + unknownRole;
    }

    /** Text from a client file made fit for a report cell: no control characters, at most 200 characters. */
    public static String bounded(String text) {
        if (text == null) {
            return null;
        }
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        return clean.length() <= MAX_DETAIL_LENGTH ? clean : clean.substring(0, MAX_DETAIL_LENGTH - 1) + "…";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
