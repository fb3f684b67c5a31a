package com.brighthub.bulkimport.systemtests;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import java.util.function.Consumer;
import java.util.Properties;
import static com.brighthub.bulkimport.devtools.StackClient.env;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole system for system tests: a Kafka broker of its own (KRaft, on free ports, fresh data), a
 * clean database, and the sandbox and the four services each as its own process from its packaged
 * application. Started once per test JVM and stopped when it exits.
 */
public final class LocalStack {

    /** The services, in start order. */
    public static final List<String> SERVICES = List.of("sandbox", "import-api", "record-validator", "sync-worker",
            "report-service");

    private static LocalStack instance;

    private final Path root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private final Path work = root.resolve("system-tests/target/stack");
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, String> modules = new LinkedHashMap<>();
    private final Map<String, String> kafkaEnv = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int kafkaPort;

    /** The running stack, started on first use. */
    public static synchronized LocalStack get() {
        if (instance == null) {
            instance = new LocalStack();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "local-stack-stop"));
            instance.start();
        }
        return instance;
    }

    private LocalStack() {
        kafkaPort = freePort();
        for (String svc : SERVICES) {
            ports.put(svc, freePort());
        }
    }

    public String url(String service) {
        return "http://localhost:" + ports.get(service);
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    private void start() {
        try {
            deleteRecursively(work);
            Files.createDirectories(work.resolve("logs"));
            resetDatabase();
            startKafka();
            for (String svc : SERVICES) {
                startService(svc);
            }
            for (String svc : SERVICES) {
                awaitReady(svc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startKafka() throws IOException {
        kafkaEnv.put("KAFKA_DIR", work.resolve("kafka").toString());
        kafkaEnv.put("KAFKA_PORT", Integer.toString(kafkaPort));
        kafkaEnv.put("KAFKA_CONTROLLER_PORT", Integer.toString(freePort()));
        kafkaEnv.put("KAFKA_LIB_DIR", System.getProperty("kafka.lib.dir", root.resolve(".local/kafka-lib").toString()));
        kafkaEnv.put("KAFKA_HEAP", "768m");
        kafkaEnv.put("BRIGHT_DATA_DIR", work.toString());
        run(List.of("bash", root.resolve("scripts/kafka.sh").toString(), "start"), kafkaEnv);
    }

    /** Stops a service gracefully (SIGTERM) and waits until it is gone. */
    public synchronized void stopService(String svc) {
        Process p = processes.remove(svc);
        if (p != null) {
            p.destroy();
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Kills a service at once (SIGKILL), as a crash would. */
    public synchronized void killService(String svc) {
        Process p = processes.remove(svc);
        if (p != null) {
            try {
                p.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts a stopped service again, with extra environment, and waits until it is ready. */
    public synchronized void restartService(String svc, Map<String, String> extraEnv) {
        try {
            startService(svc, extraEnv);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(svc);
    }

    /** Reads every record a topic holds now, from its beginning, without a consumer group's commits. */
    public void readTopic(String topic, Consumer<ConsumerRecord<String, String>> sink) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "systest-read-" + java.util.UUID.randomUUID());
        try (var consumer = new KafkaConsumer<>(props,
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(java.time.Duration.ofMillis(500)).forEach(sink);
            }
        }
    }

    /** Runs SQL on the system tests' database. */
    public void sql(String statement) {
        try (Connection c = DriverManager.getConnection(jdbcUrl(), env("BRIGHT_DB_USER", "bright"),
                env("BRIGHT_DB_PASSWORD", "bright")); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL on bright_systest failed: " + e.getMessage(), e);
        }
    }

    private static String jdbcUrl() {
        return "jdbc:postgresql://" + env("BRIGHT_DB_HOST", "localhost") + ":" + env("BRIGHT_DB_PORT", "5432")
                + "/bright_systest";
    }

    private void startService(String svc) throws IOException {
        startService(svc, Map.of());
    }

    /** Starts another instance of {@code module} named {@code instance} (same consumer groups), ready. */
    public synchronized void startInstance(String instance, String module) {
        ports.putIfAbsent(instance, freePort());
        modules.put(instance, module);
        restartService(instance, Map.of());
    }

    /** SIGKILLs the Kafka broker, as a crash would. */
    public synchronized void killKafka() {
        try {
            long pid = Long.parseLong(Files.readString(work.resolve("kafka/broker.pid")).strip());
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroyForcibly();
                h.onExit().join();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the broker again on the same ports and data. */
    public synchronized void restartKafka() {
        try {
            startKafka();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Restarts the machine's PostgreSQL cluster that serves the tests (local clusters only). */
    public void restartPostgres() throws IOException {
        String port = env("BRIGHT_DB_PORT", "5432");
        run(List.of("bash", "-c", "pg_ctlcluster $(pg_lsclusters --no-header | awk '$3 == " + port
                + " {print $1, $2; exit}') restart"), Map.of());
    }

    /** True when PostgreSQL runs here as a cluster this machine can restart. */
    public boolean canRestartPostgres() {
        try {
            Process p = new ProcessBuilder("bash", "-c", "command -v pg_ctlcluster >/dev/null && [ \"$(id -u)\" = 0 ]"
                    + " && pg_lsclusters --no-header | awk '$3 == " + env("BRIGHT_DB_PORT", "5432") + "' | grep -q online")
                    .start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void startService(String svc, Map<String, String> extraEnv) throws IOException {
        Path jar = root.resolve(modules.getOrDefault(svc, svc) + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./bright test does)");
        }
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx384m", "-XX:+UseSerialGC",
                "-Dquarkus.http.port=" + ports.get(svc), "-jar", jar.toString());
        Map<String, String> env = pb.environment();
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap());
        env.put("BRIGHT_DB_NAME", "bright_systest");
        env.put("BRIGHTMANAGER_URL", url("sandbox"));
        env.put("BRIGHTCLIENT_URL", url("sandbox"));
        env.put("IMPORT_POLL_INTERVAL", "200ms");
        // small pages: many page commits interleave with progress updates, as in a large import
        env.put("IMPORT_PAGE_SIZE", "100");
        // short enough for the fault suite to see a stalled import during an outage
        env.put("IMPORT_STALL_AFTER", "PT20S");
        env.put("REPORT_STALL_AFTER", "PT20S");
        // one record BrightClient keeps failing is given up within seconds, not the default 2 minutes
        env.put("SYNC_UNAVAILABLE_RECORD_ATTEMPTS", "3");
        env.put("SYNC_UNAVAILABLE_RECORD_AFTER", "PT10S");
        env.putAll(extraEnv);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("logs/" + svc + ".log").toFile()));
        processes.put(svc, pb.start());
    }

    private void awaitReady(String svc) {
        await("ready: " + svc).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!processes.get(svc).isAlive()) {
                throw new IllegalStateException(svc + " exited during start-up; see " + work.resolve("logs/" + svc + ".log"));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url(svc) + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Stops everything this stack started. */
    public synchronized void stop() {
        processes.values().forEach(Process::destroy);
        for (Process p : processes.values()) {
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        if (!kafkaEnv.isEmpty()) {
            try {
                run(List.of("bash", root.resolve("scripts/kafka.sh").toString(), "stop"), kafkaEnv);
            } catch (IOException e) {
                System.err.println("could not stop the test broker: " + e.getMessage());
            }
        }
    }

    private void resetDatabase() {
        sql("DROP SCHEMA IF EXISTS sandbox, import_api, sync_worker, report_service CASCADE");
    }

    private void run(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("logs/kafka-script.log").toFile()));
        pb.environment().putAll(env);
        try {
            int code = pb.start().waitFor();
            if (code != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + code + "); see "
                        + work.resolve("logs/kafka-script.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
