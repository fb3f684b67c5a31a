package com.brighthub.bulkimport.devtools.micro;

import com.brighthub.bulkimport.model.Json;
import com.brighthub.bulkimport.model.client.Address;
import com.brighthub.bulkimport.model.client.Client;
import com.brighthub.bulkimport.model.client.Contact;
import com.brighthub.bulkimport.model.events.ClientRecordEvent;
import com.brighthub.bulkimport.model.rules.ClientRules;
import com.brighthub.bulkimport.model.rules.Evaluation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The per-client CPU work of the pipeline outside I/O: applying the rules, and encoding and decoding a
 * client-record event ({@code ./bright bench --micro}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RulesAndCodecBenchmark {

    final Client valid = new Client("BM-0000001", "ACME01", "Acme Widgets Ltd", "LIMITED_COMPANY", "01234567",
            "GB123456789", "office@acme.example",
            List.of(new Address("REGISTERED_OFFICE", "1 High Street", null, null, "Leeds", "West Yorkshire", "LS1 1AA", "GB"),
                    new Address("TRADING", "Unit 4, Mill Lane", "Holbeck", null, "Leeds", "West Yorkshire", "LS11 5AA", "GB")),
            List.of(new Contact("MAIN", "P-1", "Jane", "Smith", "jane@acme.example", "+44 113 496 0000", "DIRECTOR"),
                    new Contact("SECONDARY", "P-2", "Tom", "Jones", "tom@acme.example", "+44 113 496 0001", "SECRETARY")));
    final Client broken = new Client("BM-0000002", "BROK01", " ", "LLP", null, null, null,
            List.of(new Address("TRADING", " ", null, null, "Leeds", null, "LS1 1AA", "GB")),
            List.of(new Contact("MAIN", "P-3", "Ann", "Lee", null, null, null)));
    final ClientRecordEvent event = ClientRecordEvent.fromImport("ACC-1", "IMP-1", valid);
    final String encoded = Json.write(event);

    @Benchmark
    public Evaluation rulesOnAValidClient() {
        return ClientRules.evaluate(valid);
    }

    @Benchmark
    public Evaluation rulesOnAClientWithFourFailures() {
        return ClientRules.evaluate(broken);
    }

    @Benchmark
    public String encodeClientRecordEvent() {
        return Json.write(event);
    }

    @Benchmark
    public ClientRecordEvent decodeClientRecordEvent() {
        return Json.read(encoded, ClientRecordEvent.class);
    }
}
