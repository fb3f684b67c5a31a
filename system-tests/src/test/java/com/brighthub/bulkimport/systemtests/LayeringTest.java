package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Inside each service, dependencies point one way: rest and messaging call the domain, the domain calls
 * persistence and the adapters of the neighbour systems (through its own ports where it announces
 * something), and persistence and the adapters call nothing above them. Read from the sources: no stack.
 */
class LayeringTest {

    static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    /** Each service's base package directory. */
    static final Map<String, String> SERVICES = Map.of(
            "import-api", "importapi",
            "record-validator", "validator",
            "sync-worker", "syncworker",
            "report-service", "report");

    /** What a package may not import from its own service. */
    static final Map<String, List<String>> FORBIDDEN = Map.of(
            "domain", List.of("rest", "messaging"),
            "persistence", List.of("rest", "messaging", "domain"),
            "brightmanager", List.of("rest", "messaging", "domain", "persistence"),
            "brightclient", List.of("rest", "messaging", "domain", "persistence"));

    static final Pattern IMPORT = Pattern.compile("^import (?:static )?com\\.brighthub\\.bulkimport\\.(\\w+)\\.(\\w+)\\.",
            Pattern.MULTILINE);

    @Test
    void dependenciesInsideEachServicePointOneWay() throws IOException {
        List<String> wrong = new ArrayList<>();
        int read = 0;
        for (var service : SERVICES.entrySet()) {
            Path base = ROOT.resolve(service.getKey() + "/src/main/java/com/brighthub/bulkimport/" + service.getValue());
            for (var layer : FORBIDDEN.entrySet()) {
                Path dir = base.resolve(layer.getKey());
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (var files = Files.walk(dir)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        read++;
                        Matcher m = IMPORT.matcher(read(file));
                        while (m.find()) {
                            if (m.group(1).equals(service.getValue()) && layer.getValue().contains(m.group(2))) {
                                wrong.add(ROOT.relativize(file) + " imports " + m.group(2));
                            }
                        }
                    }
                }
            }
        }
        assertThat(read).as("source files read").isGreaterThan(20);
        assertThat(wrong).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
