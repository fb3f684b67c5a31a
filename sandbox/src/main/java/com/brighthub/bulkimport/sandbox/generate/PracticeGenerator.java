package com.brighthub.bulkimport.sandbox.generate;

import com.brighthub.bulkimport.model.client.Address;
import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.client.ClientType;
import com.brighthub.bulkimport.model.client.Contact;
import com.brighthub.bulkimport.model.events.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;

/**
 * Generates a realistic UK practice's client files, deterministic for a seed, with a realistic share
 * of every defect in the failure table. It records each defect it injects, so tests compare a report
 * with what was generated rather than with a second copy of the rules.
 *
 * <p>Faker values are drawn once into pools and then combined, so a million clients take seconds.
 */
public final class PracticeGenerator {

    /** A generated client and the failure rows an import must report for it (empty when valid). */
    public record Generated(Client client, List<ReasonCode> expected) {
    }

    private record Person(String id, String firstName, String lastName, String email, String phone) {
    }

    private record Place(String city, String region, String postcode) {
    }

    private static final String[] SUFFIXES = {"Ltd", "Limited", "Ltd", "& Co", "Holdings Ltd", "Services Ltd"};
    private static final String[] TRICKY_NAMES = {
        "Zoë's Café, \"The Old Mill\" Ltd", "=HYPERLINK(\"http://x\") Trading", "+44 Telecoms Ltd",
        "-Minus Design Studio", "@Home Lettings", "Łódź & Ørsted Imports", "مطعم الأرز Ltd", "Smith, Jones & Partners",
        "Line\nBreak Consulting", "Emoji 🚀 Rockets Ltd"};

    private final Random random;
    private final double defectScale;
    private final List<String> companyStems = new ArrayList<>();
    private final List<String> streets = new ArrayList<>();
    private final List<Place> places = new ArrayList<>();
    private final List<Person> people = new ArrayList<>();

    /** A realistic practice: every defect at its everyday share. */
    public PracticeGenerator(long seed) {
        this(seed, 1.0);
    }

    /**
     * A practice whose defect shares are multiplied by {@code defectScale} (0 for a clean practice, 10 for
     * a badly kept one), for tests and measurements of the failure path.
     */
    public PracticeGenerator(long seed, double defectScale) {
        if (defectScale < 0 || defectScale > 20) {
            throw new IllegalArgumentException("defectScale must be between 0 and 20");
        }
        this.defectScale = defectScale;
        this.random = new Random(seed);
        Faker faker = new Faker(Locale.UK, new Random(seed));
        for (int i = 0; i < 1500; i++) {
            companyStems.add(faker.company().name().replaceAll("(?i)\\b(ltd|limited|plc|llp|and sons|group)\\b\\.?", "")
                    .replaceAll("[,\\s]+$", "").strip());
            streets.add(faker.address().streetAddress());
        }
        for (int i = 0; i < 800; i++) {
            places.add(new Place(faker.address().city(), faker.expression("#{Address.county}"), faker.address().postcode()));
        }
        for (int i = 0; i < 5000; i++) {
            String first = faker.name().firstName();
            String last = faker.name().lastName();
            people.add(new Person("P-" + seed + "-" + i, first, last,
                    (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + "@mail.example",
                    "+44 " + (1000 + random.nextInt(8999)) + " " + (100000 + random.nextInt(899999))));
        }
    }

    /** The client file {@code clientId}, with its injected defects. */
    public Generated next(String clientId) {
        ClientType type = pickType();
        List<ReasonCode> expected = new ArrayList<>();
        boolean individual = type == ClientType.SELF_ASSESSMENT || type == ClientType.SOLE_TRADER;
        Person owner = person();
        String name = individual ? owner.firstName() + " " + owner.lastName()
                : random.nextInt(200) == 0 ? pick(TRICKY_NAMES) : companyName(type);
        String companyNumber = type.needsCompanyNumber() ? companyNumber() : null;
        String vat = random.nextInt(10) < 4 ? "GB" + digits(9) : null;
        String typeText = type.name();

        boolean validationDefect = false;
        if (type != ClientType.SELF_ASSESSMENT) {
            int r = random.nextInt(1000);
            if (r < scaled(5)) {
                typeText = "";
                expected.add(ReasonCode.REQUIRED_FIELD_BLANK);
            } else if (r < scaled(40)) {
                if (type.needsCompanyNumber() && r % 3 != 0) {
                    companyNumber = random.nextBoolean() ? "" : null;
                } else {
                    name = "  ";
                }
                expected.add(ReasonCode.REQUIRED_FIELD_BLANK);
            }
            validationDefect = !expected.isEmpty();
        }

        List<Address> addresses = addresses(type);
        if (type != ClientType.SELF_ASSESSMENT && random.nextInt(1000) < scaled(60)) {
            int broken = random.nextInt(10) == 0 ? Math.min(2, addresses.size()) : 1;
            for (int i = 0; i < broken; i++) {
                Address a = addresses.get(i);
                addresses.set(i, new Address(a.type(), random.nextBoolean() ? null : " ", a.line2(), a.line3(),
                        a.city(), a.region(), a.postcode(), a.country()));
                expected.add(ReasonCode.ADDRESS_LINE_1_MISSING);
            }
        }

        List<Contact> contacts = contacts(type, owner);
        if (type != ClientType.SELF_ASSESSMENT && random.nextInt(1000) < scaled(50)) {
            int i = random.nextInt(contacts.size());
            Contact c = contacts.get(i);
            contacts.set(i, new Contact(c.kind(), c.personId(), c.firstName(), c.lastName(), c.email(), c.phone(),
                    random.nextBoolean() ? null : ""));
            expected.add(ReasonCode.CONTACT_ROLE_MISSING);
        }

        validationDefect = validationDefect || !expected.isEmpty();
        if (type == ClientType.SELF_ASSESSMENT) {
            expected.add(ReasonCode.SELF_ASSESSMENT);
        } else if (random.nextInt(1000) < scaled(10)) {
            // BrightClient checks VAT numbers; a client that passes our rules is then rejected there.
            vat = "GB" + digits(4);
            if (!validationDefect) {
                expected.add(ReasonCode.BRIGHTCLIENT_REJECTED);
            }
        }

        String reference = reference(name);
        String email = "office@" + slug(name) + ".example";
        return new Generated(new Client(clientId, reference, name, typeText, companyNumber, vat, email, addresses,
                contacts), expected);
    }

    /** A share in thousandths, scaled and capped at all. */
    private int scaled(int perMille) {
        return (int) Math.min(1000, Math.round(perMille * defectScale));
    }

    private ClientType pickType() {
        int r = random.nextInt(100);
        if (r < 10) {
            return ClientType.SELF_ASSESSMENT;
        } else if (r < 52) {
            return ClientType.LIMITED_COMPANY;
        } else if (r < 68) {
            return ClientType.SOLE_TRADER;
        } else if (r < 78) {
            return ClientType.PARTNERSHIP;
        } else if (r < 84) {
            return ClientType.LLP;
        } else if (r < 90) {
            return ClientType.CHARITY;
        } else if (r < 95) {
            return ClientType.TRUST;
        }
        return ClientType.CLUB_SOCIETY;
    }

    private String companyName(ClientType type) {
        String stem = companyStems.get(random.nextInt(companyStems.size()));
        return switch (type) {
            case LIMITED_COMPANY -> stem + " " + pick(SUFFIXES);
            case LLP -> stem + " LLP";
            case PARTNERSHIP -> stem + " & Partners";
            case CHARITY -> stem + " Trust Fund";
            case TRUST -> "The " + stem + " Family Trust";
            case CLUB_SOCIETY -> stem + " Sports Club";
            default -> stem;
        };
    }

    private List<Address> addresses(ClientType type) {
        List<Address> out = new ArrayList<>();
        if (type == ClientType.SELF_ASSESSMENT || type == ClientType.SOLE_TRADER) {
            out.add(address("RESIDENTIAL"));
        }
        if (type.needsCompanyNumber()) {
            out.add(address("REGISTERED_OFFICE"));
        }
        if (type != ClientType.SELF_ASSESSMENT) {
            out.add(address("TRADING"));
        }
        if (random.nextInt(4) == 0) {
            out.add(address("POSTAL"));
        }
        if (random.nextInt(10) == 0) {
            out.add(address("INVOICE"));
        }
        return out;
    }

    private Address address(String type) {
        Place place = places.get(random.nextInt(places.size()));
        String line2 = random.nextInt(3) == 0 ? "Unit " + (1 + random.nextInt(40)) : null;
        return new Address(type, streets.get(random.nextInt(streets.size())), line2, null, place.city(),
                place.region(), place.postcode(), "GB");
    }

    private List<Contact> contacts(ClientType type, Person owner) {
        List<Contact> out = new ArrayList<>();
        out.add(contact("MAIN", owner, role(type)));
        if (random.nextInt(10) < 4) {
            out.add(contact("SECONDARY", person(), role(type)));
        }
        if (random.nextInt(10) < 2) {
            out.add(contact("OTHER", person(), type == ClientType.LIMITED_COMPANY ? "SHAREHOLDER" : role(type)));
        }
        return out;
    }

    private static Contact contact(String kind, Person p, String role) {
        return new Contact(kind, p.id(), p.firstName(), p.lastName(), p.email(), p.phone(), role);
    }

    private String role(ClientType type) {
        return switch (type) {
            case LIMITED_COMPANY -> random.nextInt(4) == 0 ? "SECRETARY" : "DIRECTOR";
            case LLP -> "MEMBER";
            case PARTNERSHIP -> "PARTNER";
            case SOLE_TRADER, SELF_ASSESSMENT -> "PROPRIETOR";
            case CHARITY, TRUST -> "TRUSTEE";
            case CLUB_SOCIETY -> random.nextBoolean() ? "SECRETARY" : "TRUSTEE";
        };
    }

    private Person person() {
        return people.get(random.nextInt(people.size()));
    }

    private String companyNumber() {
        return random.nextInt(10) == 0 ? "SC" + digits(6) : digits(8);
    }

    private String digits(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        return sb.toString();
    }

    private String reference(String name) {
        String letters = name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
        String stem = letters.length() >= 4 ? letters.substring(0, 4) : (letters + "XXXX").substring(0, 4);
        return stem + String.format("%02d", random.nextInt(100));
    }

    private static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "client" : s.length() > 40 ? s.substring(0, 40) : s;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
