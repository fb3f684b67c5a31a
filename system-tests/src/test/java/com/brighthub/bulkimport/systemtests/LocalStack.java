package com.brighthub.bulkimport.systemtests;

import com.brighthub.bulkimport.model.KafkaSecurity;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import java.util.function.Consumer;
import java.util.Properties;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * PostgreSQL server of its own (fresh data directory in /tmp, free port: the fault suite restarts it
 * without touching the machine's cluster), and the sandbox and the four services each as its own
 * process from its packaged application. Started once per test JVM and stopped when it exits.
 */
public final class LocalStack {

    /** The services, in start order. */
    public static final List<String> SERVICES = List.of("sandbox", "import-api", "record-validator", "sync-worker",
            "report-service");

    private static LocalStack instance;
    private static LocalStack secureInstance;

    private final Path root = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    private final Path work;
    /** SASL_SSL (SCRAM-SHA-512 over TLS) instead of PLAINTEXT between the broker and every client. */
    private final boolean secureKafka;
    /** What a Kafka client of this stack is given: the brokers and, on a secure stack, the security variables. */
    private final Map<String, String> kafkaClientEnv = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    /** Each service's management interface (health, metrics), as in production. */
    private final Map<String, Integer> managementPorts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final Map<String, String> modules = new LinkedHashMap<>();
    private final Map<String, String> kafkaEnv = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final int kafkaPort;
    private final int postgresPort;
    private Path postgresDir;

    private static RuntimeException failedStart;

    /** The running stack, started on first use. */
    public static synchronized LocalStack get() {
        if (failedStart != null) {
            // one failed start fails every later test at once, instead of each waiting on a broken stack
            throw new IllegalStateException("the local stack failed to start: " + failedStart.getMessage(), failedStart);
        }
        if (instance == null) {
            LocalStack stack = new LocalStack(false);
            Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
            try {
                stack.start();
            } catch (RuntimeException e) {
                failedStart = e;
                stack.stop();
                throw e;
            }
            instance = stack;
        }
        return instance;
    }

    /**
     * A second stack of its own (own broker, database, services and work directory) whose broker takes
     * clients only over SASL_SSL with SCRAM-SHA-512, as {@code ./bright up --secure-kafka} starts it; every
     * service is given the credentials and the truststore by environment. Started on first use; its test
     * stops it when done ({@link #stop}).
     */
    public static synchronized LocalStack secure() {
        if (secureInstance == null) {
            secureInstance = new LocalStack(true);
            Runtime.getRuntime().addShutdownHook(new Thread(secureInstance::stop, "secure-local-stack-stop"));
            secureInstance.start();
        }
        return secureInstance;
    }

    private LocalStack(boolean secureKafka) {
        this.secureKafka = secureKafka;
        work = root.resolve(secureKafka ? "system-tests/target/stack-secure" : "system-tests/target/stack");
        kafkaPort = FreePorts.next();
        postgresPort = FreePorts.next();
        for (String svc : SERVICES) {
            ports.put(svc, FreePorts.next());
        }
        kafkaClientEnv.put(KafkaSecurity.BOOTSTRAP_SERVERS, kafkaBootstrap());
        if (secureKafka) {
            kafkaClientEnv.put(KafkaSecurity.SECURITY_PROTOCOL, "SASL_SSL");
            // no mechanism: credentials alone mean SCRAM-SHA-512
            kafkaClientEnv.put(KafkaSecurity.SASL_USERNAME, "systest");
            kafkaClientEnv.put(KafkaSecurity.SASL_PASSWORD, "systest-" + java.util.UUID.randomUUID());
            kafkaClientEnv.put(KafkaSecurity.TRUSTSTORE_LOCATION, work.resolve("kafka/tls/truststore.p12").toString());
            kafkaClientEnv.put(KafkaSecurity.TRUSTSTORE_PASSWORD, "systest-tls");
            kafkaClientEnv.put(KafkaSecurity.TRUSTSTORE_TYPE, "PKCS12");
        }
    }

    /** The environment a Kafka client of this stack is given (the services get the same). */
    public Map<String, String> kafkaClientEnv() {
        return java.util.Collections.unmodifiableMap(kafkaClientEnv);
    }

    /** A Kafka client's settings for this stack's broker: its address and, on a secure stack, SASL_SSL. */
    public Map<String, Object> kafkaClientConfig() {
        return KafkaSecurity.clientConfig(kafkaClientEnv::get);
    }

    /** This stack's working directory: its logs and the broker's files. */
    public Path workDir() {
        return work;
    }

    public String url(String service) {
        return "http://localhost:" + ports.get(service);
    }

    /** Where a service's health and metrics are: its management interface. */
    public String managementUrl(String service) {
        return "http://localhost:" + managementPorts.get(service);
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    private void start() {
        try {
            deleteRecursively(work);
            Files.createDirectories(work.resolve("logs"));
            startPostgres();
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
        kafkaEnv.put("KAFKA_CONTROLLER_PORT", Integer.toString(FreePorts.next()));
        kafkaEnv.put("KAFKA_LIB_DIR", System.getProperty("kafka.lib.dir", root.resolve(".local/kafka-lib").toString()));
        kafkaEnv.put("KAFKA_HEAP", "768m");
        kafkaEnv.put("BRIGHT_DATA_DIR", work.toString());
        kafkaEnv.put("KAFKA_SECURE", Boolean.toString(secureKafka));
        kafkaEnv.put("KAFKA_SASL_USERNAME", kafkaClientEnv.getOrDefault(KafkaSecurity.SASL_USERNAME, "bright"));
        kafkaEnv.put("KAFKA_SASL_PASSWORD", kafkaClientEnv.getOrDefault(KafkaSecurity.SASL_PASSWORD, "bright-dev-kafka"));
        kafkaEnv.put("KAFKA_TLS_PASSWORD", kafkaClientEnv.getOrDefault(KafkaSecurity.TRUSTSTORE_PASSWORD, "bright-dev-tls"));
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
        props.putAll(kafkaClientConfig());
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
        try (Connection c = DriverManager.getConnection(jdbcUrl(), "bright", "bright"); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL on bright_systest failed: " + e.getMessage(), e);
        }
    }

    private String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgresPort + "/bright_systest";
    }

    private void startService(String svc) throws IOException {
        startService(svc, Map.of());
    }

    /** Starts another instance of {@code module} named {@code instance} (same consumer groups), ready. */
    public synchronized void startInstance(String instance, String module) {
        ports.putIfAbsent(instance, FreePorts.next());
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

    /**
     * How far a consumer group is behind on a topic: 0 once it has processed (and committed) every record
     * on it – the moment to assert "exactly one" after a redelivery.
     */
    public long consumerLag(String group, String topic) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(kafkaClientConfig())) {
            Map<TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(pi -> latest.put(new TopicPartition(topic, pi.partition()),
                            org.apache.kafka.clients.admin.OffsetSpec.latest()));
            long lag = 0;
            for (var e : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
                var c = committed.get(e.getKey());
                lag += e.getValue().offset() - (c == null ? 0 : c.offset());
            }
            return lag;
        }
    }

    /** Waits until every stage of the pipeline has processed everything on its input topic. */
    public void awaitPipelineDrained() {
        List<Map.Entry<String, String>> inputs = List.of(
                Map.entry("import-api-change-listener", com.brighthub.bulkimport.model.Topics.CLIENT_SAVED),
                Map.entry("record-validator", com.brighthub.bulkimport.model.Topics.CLIENT_RECORDS),
                Map.entry("record-validator-saves", com.brighthub.bulkimport.model.Topics.SAVE_RECORDS),
                Map.entry("sync-worker", com.brighthub.bulkimport.model.Topics.VALIDATION_RESULTS),
                Map.entry("sync-worker-saves", com.brighthub.bulkimport.model.Topics.SAVE_VERDICTS),
                Map.entry("sync-worker-deferred", com.brighthub.bulkimport.model.Topics.SYNC_DEFERRED));
        await("pipeline drained").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (var e : inputs) {
                if (consumerLag(e.getKey(), e.getValue()) != 0) {
                    return false;
                }
            }
            return true;
        });
    }

    /** The system tests' own PostgreSQL: a fresh data directory and a free port, never the machine's cluster. */
    private void startPostgres() throws IOException {
        postgresDir = Files.createTempDirectory("bright-systest-pg-");
        run(List.of("bash", root.resolve("scripts/test-postgres.sh").toString(), "start", postgresDir.toString(),
                Integer.toString(postgresPort)), Map.of());
    }

    /** Restarts the tests' own PostgreSQL server (a fast shutdown, then a start on the same data and port). */
    public void restartPostgres() throws IOException {
        run(List.of("bash", root.resolve("scripts/test-postgres.sh").toString(), "restart", postgresDir.toString(),
                Integer.toString(postgresPort)), Map.of());
    }

    private void startService(String svc, Map<String, String> extraEnv) throws IOException {
        ProcessBuilder pb = serviceProcess(svc, ports.get(svc), managementPorts.computeIfAbsent(svc, s -> FreePorts.next()));
        pb.environment().putAll(extraEnv);
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("logs/" + svc + ".log").toFile()));
        processes.put(svc, pb.start());
    }

    /** A service's process as the stack runs it: its packaged application and the stack's environment. */
    private ProcessBuilder serviceProcess(String svc, int port, int managementPort) {
        Path jar = root.resolve(modules.getOrDefault(svc, svc) + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./bright test does)");
        }
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx384m", "-XX:+UseSerialGC",
                "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + managementPort, "-jar", jar.toString());
        Map<String, String> env = pb.environment();
        // Kafka's address and security are this stack's, never inherited (a shell may have a secure local stack's)
        env.keySet().removeIf(name -> KafkaSecurity.SETTINGS.containsKey(name) || name.equals(KafkaSecurity.SASL_USERNAME)
                || name.equals(KafkaSecurity.SASL_PASSWORD) || name.equals("KAFKA_SECURE"));
        env.putAll(kafkaClientEnv);
        env.put("BRIGHT_DB_HOST", "127.0.0.1");
        env.put("BRIGHT_DB_PORT", Integer.toString(postgresPort));
        env.put("BRIGHT_DB_USER", "bright");
        env.put("BRIGHT_DB_PASSWORD", "bright");
        env.put("BRIGHT_DB_NAME", "bright_systest");
        // the local stack's dev key, set explicitly: the packaged services have no default for it
        env.put("BRIGHT_JWT_PUBLIC_KEY", "dev-jwt/publicKey.pem");
        env.put("BRIGHTMANAGER_URL", url("sandbox"));
        env.put("BRIGHTCLIENT_URL", url("sandbox"));
        // the pages: the dev sign-in (the dev key), where each service's pages are, and the client files
        env.put("BRIGHT_DEV_SIGNIN_KEY", root.resolve("devtools/src/main/resources/dev-jwt/privateKey.pem").toString());
        env.put("BRIGHT_UI_IMPORT_API_URL", url("import-api"));
        env.put("BRIGHT_UI_REPORT_URL", url("report-service"));
        env.put("BRIGHTMANAGER_CLIENT_URL", url("sandbox") + "/brightmanager/accounts/{accountId}/clients/{clientId}");
        env.put("IMPORT_POLL_INTERVAL", "200ms");
        // small pages: many page commits interleave with progress updates, as in a large import
        env.put("IMPORT_PAGE_SIZE", "100");
        // short enough for the fault suite to see a stalled import during an outage
        env.put("IMPORT_STALL_AFTER", "PT20S");
        env.put("REPORT_STALL_AFTER", "PT20S");
        // one record BrightClient keeps failing is given up within seconds, not the default 2 minutes: by its
        // third attempt (some 9 s); fault scenario 13 also lets its failures open the circuit breaker first
        env.put("SYNC_UNAVAILABLE_RECORD_ATTEMPTS", "3");
        env.put("SYNC_UNAVAILABLE_RECORD_AFTER", "PT5S");
        return pb;
    }

    /** How a one-off start of a service ended: its exit code (null if it was still running) and its output. */
    public record Exit(Integer code, String output) {
    }

    /**
     * Starts one more instance of {@code svc} as the stack would, but without the environment variables
     * {@code unset}, and waits (up to two minutes) for it to exit on its own – for tests of a start the
     * service must refuse. A service still running then is stopped and reported with no exit code.
     */
    public Exit startWithout(String svc, java.util.Set<String> unset) throws Exception {
        return startOnce(svc, Map.of(), unset);
    }

    /** The same with some variables set to other values (and some unset). */
    public Exit startOnce(String svc, Map<String, String> set, java.util.Set<String> unset) throws Exception {
        ProcessBuilder pb = serviceProcess(svc, FreePorts.next(), FreePorts.next());
        unset.forEach(pb.environment()::remove);
        pb.environment().putAll(set);
        java.util.TreeSet<String> named = new java.util.TreeSet<>(unset);
        named.addAll(set.keySet());
        Path log = work.resolve("logs/" + svc + "-once-" + String.join("-", named) + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        boolean exited = p.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            p.destroyForcibly().waitFor();
        }
        return new Exit(exited ? p.exitValue() : null, Files.readString(log));
    }

    private void awaitReady(String svc) {
        await("ready: " + svc).atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!processes.get(svc).isAlive()) {
                Path log = work.resolve("logs/" + svc + ".log");
                throw new IllegalStateException(svc + " exited during start-up; the end of " + log + ":\n" + tail(log, 25));
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create(managementUrl(svc) + "/q/health/ready")).build(),
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
            kafkaEnv.clear();
        }
        if (postgresDir != null) {
            try {
                run(List.of("bash", root.resolve("scripts/test-postgres.sh").toString(), "stop", postgresDir.toString()),
                        Map.of());
            } catch (IOException | IllegalStateException e) {
                System.err.println("could not stop the tests' PostgreSQL: " + e.getMessage());
            }
            postgresDir = null;
        }
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

    /** The last lines of a log, for a failure message that explains itself where the log is gone (CI). */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | RuntimeException e) {
            return "(unreadable: " + e.getMessage() + ")";
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
