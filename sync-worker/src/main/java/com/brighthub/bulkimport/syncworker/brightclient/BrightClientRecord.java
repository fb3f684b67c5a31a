package com.brighthub.bulkimport.syncworker.brightclient;

import com.brighthub.bulkimport.model.client.Address;
import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.client.Contact;
import java.util.List;

/**
 * A client as BrightClient stores it: only the primary email, only addresses with a first line, and
 * each contact as a person holding a role (BrightClient stores a person once across clients).
 */
public record BrightClientRecord(
        String brightManagerId,
        String reference,
        String name,
        String type,
        String companyNumber,
        String vatNumber,
        String email,
        List<Address> addresses,
        List<Person> contacts) {

    /** A contact: the person and the role they hold at this client. */
    public record Person(String personId, String firstName, String lastName, String email, String phone,
            String kind, String role) {
    }

    /** The BrightClient form of a client that passed validation. */
    public static BrightClientRecord from(Client client) {
        List<Address> addresses = client.addresses().stream()
                .filter(a -> a != null && a.line1() != null && !a.line1().isBlank()).toList();
        List<Person> contacts = client.contacts().stream().filter(c -> c != null).map(BrightClientRecord::person).toList();
        return new BrightClientRecord(client.id(), client.reference(), client.name(), client.type(),
                blankToNull(client.companyNumber()), blankToNull(client.vatNumber()), blankToNull(client.primaryEmail()),
                addresses, contacts);
    }

    private static Person person(Contact c) {
        return new Person(c.personId(), c.firstName(), c.lastName(), c.email(), c.phone(), c.kind(), c.role());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
