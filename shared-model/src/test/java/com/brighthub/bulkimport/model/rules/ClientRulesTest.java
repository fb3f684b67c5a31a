package com.brighthub.bulkimport.model.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.client.Address;
import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.client.ClientType;
import com.brighthub.bulkimport.model.client.Contact;
import com.brighthub.bulkimport.model.events.Reason;
import com.brighthub.bulkimport.model.events.ReasonCode;
import com.brighthub.bulkimport.model.events.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientRulesTest {

    static Address address(String type, String line1) {
        return new Address(type, line1, null, null, "Leeds", "West Yorkshire", "LS1 1AA", "GB");
    }

    static Contact contact(String first, String last, String kind, String role) {
        return new Contact(kind, "P-1", first, last, "jane@acme.example", "+44 113 496 0000", role);
    }

    static Client valid() {
        return new Client("BM-000001", "ACME01", "Acme Widgets Ltd", "LIMITED_COMPANY", "01234567", null,
                "office@acme.example", List.of(address("REGISTERED_OFFICE", "1 High Street")),
                List.of(contact("Jane", "Smith", "MAIN", "DIRECTOR")));
    }

    static Client with(String name, String type, String companyNumber, List<Address> addresses,
            List<Contact> contacts) {
        return new Client("BM-000001", "ACME01", name, type, companyNumber, null, null, addresses, contacts);
    }

    @Test
    void aCompleteClientPasses() {
        Evaluation evaluation = ClientRules.evaluate(valid());

        assertThat(evaluation.verdict()).isEqualTo(Verdict.PASS);
        assertThat(evaluation.reasons()).isEmpty();
    }

    @Test
    void aClientWithNoAddressesOrContactsPasses() {
        Evaluation evaluation = ClientRules.evaluate(with("Smith & Co", "PARTNERSHIP", null, null, null));

        assertThat(evaluation.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void missingAddressLine1FailsNamingTheAddressType() {
        Client client = with("Acme", "SOLE_TRADER", null,
                List.of(address("REGISTERED_OFFICE", "1 High St"), address("TRADING", "  ")), List.of());

        Evaluation evaluation = ClientRules.evaluate(client);

        assertThat(evaluation.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(evaluation.reasons())
                .containsExactly(new Reason(ReasonCode.ADDRESS_LINE_1_MISSING, "Trading address"));
    }

    @Test
    void everyAddressWithoutLine1IsItsOwnReason() {
        Client client = with("Acme", "CHARITY", null,
                List.of(address("POSTAL", null), address("INVOICE", "")), List.of());

        assertThat(ClientRules.evaluate(client).reasons()).extracting(Reason::detail)
                .containsExactly("Postal address", "Invoice address");
    }

    @Test
    void contactWithoutRoleFailsNamingTheContact() {
        Client client = with("Acme", "TRUST", null, List.of(),
                List.of(contact("Jane", "Smith", "MAIN", "TRUSTEE"), contact("Tom", "Jones", "SECONDARY", null)));

        Evaluation evaluation = ClientRules.evaluate(client);

        assertThat(evaluation.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(evaluation.reasons()).containsExactly(
                new Reason(ReasonCode.CONTACT_ROLE_MISSING, "Tom Jones (Secondary Contact)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "CEO"})
    void blankOrUnrecognisedRoleCountsAsNoRole(String role) {
        Client client = with("Acme", "TRUST", null, List.of(), List.of(contact("Jane", "Smith", "OTHER", role)));

        assertThat(ClientRules.evaluate(client).reasons()).extracting(Reason::code)
                .containsExactly(ReasonCode.CONTACT_ROLE_MISSING);
    }

    @Test
    void blankNameIsARequiredField() {
        assertThat(ClientRules.evaluate(with(" ", "PARTNERSHIP", null, null, null)).reasons())
                .containsExactly(new Reason(ReasonCode.REQUIRED_FIELD_BLANK, "name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "HOLDING_COMPANY"})
    void blankOrUnknownTypeIsARequiredField(String type) {
        assertThat(ClientRules.evaluate(with("Acme", type, null, null, null)).reasons())
                .containsExactly(new Reason(ReasonCode.REQUIRED_FIELD_BLANK, "type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LIMITED_COMPANY", "LLP"})
    void incorporatedTypesNeedACompanyNumber(String type) {
        assertThat(ClientRules.evaluate(with("Acme", type, "", null, null)).reasons())
                .containsExactly(new Reason(ReasonCode.REQUIRED_FIELD_BLANK, "companyNumber"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PARTNERSHIP", "SOLE_TRADER", "CHARITY", "TRUST", "CLUB_SOCIETY"})
    void unincorporatedTypesNeedNoCompanyNumber(String type) {
        assertThat(ClientRules.evaluate(with("Acme", type, null, null, null)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void severalReasonsOnOneClientAreAllReportedInOrder() {
        Client client = with("", "LLP", null, List.of(address("BANK", null)),
                List.of(contact("Ann", "Lee", "MAIN", null)));

        assertThat(ClientRules.evaluate(client).reasons()).extracting(Reason::code).containsExactly(
                ReasonCode.REQUIRED_FIELD_BLANK, ReasonCode.REQUIRED_FIELD_BLANK,
                ReasonCode.ADDRESS_LINE_1_MISSING, ReasonCode.CONTACT_ROLE_MISSING);
    }

    @Test
    void selfAssessmentIsCheckedFirstAndExcludesWithoutOtherReasons() {
        Client client = with("", "SELF_ASSESSMENT", null, List.of(address("RESIDENTIAL", null)),
                List.of(contact("Ann", "Lee", "MAIN", null)));

        Evaluation evaluation = ClientRules.evaluate(client);

        assertThat(evaluation.verdict()).isEqualTo(Verdict.EXCLUDED);
        assertThat(evaluation.reasons()).extracting(Reason::code).containsExactly(ReasonCode.SELF_ASSESSMENT);
    }

    @Test
    void hugeAndControlCharacterDetailsAreBounded() {
        String longName = "\u202E" + "x".repeat(10_000) + "\n";
        Client client = with("Acme", "TRUST", null, List.of(), List.of(contact(longName, "Lee", "MAIN", null)));

        String detail = ClientRules.evaluate(client).reasons().get(0).detail();

        assertThat(detail).hasSizeLessThanOrEqualTo(ClientRules.MAX_DETAIL_LENGTH).doesNotContain("\n");
    }

    @Test
    void unknownJsonFieldsAreIgnored() {
        String json = """
                {"id": "BM-9", "reference": "R9", "name": "Acme", "type": "SOLE_TRADER", "shoeSize": 44,
                 "addresses": [{"type": "TRADING", "line1": "1 Way", "colour": "red"}],
                 "contacts": [{"kind": "MAIN", "firstName": "A", "lastName": "B", "role": "PROPRIETOR",
                               "nickname": "Al"}],
                 "extra": {"nested": [1, 2, 3]}}
                """;

        Client client = Json.read(json, Client.class);

        assertThat(client.name()).isEqualTo("Acme");
        assertThat(ClientRules.evaluate(client).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aContactIsNamedWithItsKindAndAnyRoleBrightClientDoesNotKnow() {
        Client client = with("Acme", "TRUST", null, List.of(), java.util.Arrays.asList(
                contact("Jane", "Smith", "MAIN", null), contact("Tom", null, "OTHER", "CEO"),
                contact(null, null, null, " "), new Contact(" SECONDARY ", "P-7", " ", null, null, null, "")));

        assertThat(ClientRules.evaluate(client).reasons()).extracting(Reason::detail).containsExactly(
                "Jane Smith (Main Contact)", "Tom (Other Contact), unrecognised role 'CEO'", "P-1",
                "P-7 (Secondary Contact)");
        Client nameless = with("Acme", "TRUST", null, List.of(), List.of(new Contact("MAIN", null, null, null, null,
                null, null), new Contact("MAIN", " ", "", "", null, null, null)));
        assertThat(ClientRules.evaluate(nameless).reasons()).extracting(Reason::detail).containsExactly(
                "unnamed contact (Main Contact)", "unnamed contact (Main Contact)");
    }

    @Test
    void aRoleIsReadWithoutItsSpaces() {
        Client client = with("Acme", "SOLE_TRADER", null, List.of(address("TRADING", "1 Way")),
                List.of(contact("Ann", "Lee", "MAIN", " PROPRIETOR ")));

        assertThat(ClientRules.evaluate(client).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aListWithAMissingEntryIsNotAClient() {
        org.assertj.core.api.Assertions.assertThatNullPointerException().isThrownBy(() -> with("Acme", "TRUST", null,
                java.util.Arrays.asList(address("TRADING", "1 Way"), null), List.of()));
    }

    @Test
    void aDetailIsCutOnlyPastItsLimitAndKeepsItsText() {
        String atLimit = "y".repeat(ClientRules.MAX_DETAIL_LENGTH);
        String over = atLimit + "z";

        assertThat(ClientRules.bounded(atLimit)).isEqualTo(atLimit);
        assertThat(ClientRules.bounded(over)).hasSize(ClientRules.MAX_DETAIL_LENGTH).endsWith("y…");
        assertThat(ClientRules.bounded("a\tb\u0000c")).isEqualTo("a b c");
        assertThat(ClientRules.bounded(null)).isNull();
    }

    @Test
    void aClientTypeIsReadWithoutItsSpacesAndNothingElse() {
        assertThat(ClientType.parse(" LLP ")).contains(ClientType.LLP);
        assertThat(ClientType.parse(null)).isEmpty();
        assertThat(ClientType.parse(" ")).isEmpty();
        assertThat(ClientType.parse("llp")).isEmpty();
        assertThat(ClientRules.evaluate(with("Acme", " SELF_ASSESSMENT ", null, null, null)).verdict())
                .isEqualTo(Verdict.EXCLUDED);
    }

    @Test
    void theFixForABlankFieldNamesTheFieldAsBrightManagerLabelsIt() {
        assertThat(ReasonCode.REQUIRED_FIELD_BLANK.howToFix("companyNumber"))
                .startsWith("Open the client file and complete the Company number field.");
        assertThat(ReasonCode.REQUIRED_FIELD_BLANK.howToFix("type")).contains("complete the Client type field");
        assertThat(ReasonCode.REQUIRED_FIELD_BLANK.howToFix("shoeSize"))
                .isEqualTo(ReasonCode.REQUIRED_FIELD_BLANK.howToFix());
        assertThat(ReasonCode.REQUIRED_FIELD_BLANK.howToFix(null)).isEqualTo(ReasonCode.REQUIRED_FIELD_BLANK.howToFix());
        assertThat(ReasonCode.ADDRESS_LINE_1_MISSING.howToFix("name")).isEqualTo(ReasonCode.ADDRESS_LINE_1_MISSING.howToFix());
        assertThat(RequiredField.byKey("name")).contains(RequiredField.NAME);
        assertThat(RequiredField.byKey(null)).isEmpty();
        assertThat(ReasonCode.ADDRESS_LINE_1_MISSING.reason()).isEqualTo("Address Line 1 is missing");
        assertThat(java.util.Arrays.stream(ReasonCode.values()).filter(ReasonCode::isExclusion))
                .containsExactly(ReasonCode.SELF_ASSESSMENT);
        assertThat(RequiredField.byKey("Name")).isEmpty();
    }
}
