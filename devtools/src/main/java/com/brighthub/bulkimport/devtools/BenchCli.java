package com.brighthub.bulkimport.devtools;

import static com.brighthub.bulkimport.devtools.StackClient.env;

import com.brighthub.bulkimport.model.KafkaSecurity;
import com.brighthub.bulkimport.model.Topics;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ./bright bench [--clients N] [--latency-ms L]}: how fast an import is, beside the limit of the
 * same machine. The floor is the least work any Kafka pipeline of this shape must do here: N
 * client-sized records through the pipeline's three hops with its producer settings, plus one batched
 * PostgreSQL insert of N rows. Then a real import of N generated clients, from the POST to COMPLETED,
 * with the sandbox's BrightClient at the given latency.
 */
public final class BenchCli {

    static final int HOPS = 3;

    /** How long new floor topics are left alone before the clock starts (see awaitLeaders). */
    static final Duration TOPIC_SETTLE = Duration.ofSeconds(3);
    static final List<String> SERVICES = List.of("import-api", "record-validator", "sync-worker", "report-service",
            "sandbox");

    private final StackClient stack = new StackClient();

    BenchCli() {
    }

    public static void main(String[] args) throws Exception {
        int n = 100_000;
        int latency = 0;
        Integer warmup = null;
        boolean wave = false;
        Double scale = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--clients" -> n = Integer.parseInt(args[++i]);
                case "--latency-ms" -> latency = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--wave" -> wave = true;
                case "--scale" -> scale = Double.parseDouble(args[++i]);
                default -> {
                    System.err.println("usage: ./bright bench [--clients N] [--latency-ms L] [--warmup W]\n"
                            + "       ./bright bench --wave [--scale F] [--latency-ms L] [--warmup W]");
                    System.exit(2);
                }
            }
        }
        if (wave) {
            WaveBench bench = new WaveBench(scale == null ? 1.0 : scale, latency);
            bench.run(warmup == null ? bench.warmupSize() : warmup);
            return;
        }
        // as many as measured, up to 100,000: fewer leave the JIT compiling through the measured import
        new BenchCli().run(n, latency, warmup == null ? Math.min(n, 100_000) : warmup);
    }

    void run(int n, int latency, int warmup) throws Exception {
        System.out.printf("bench: %,d clients, BrightClient latency %d ms, sync-worker in-flight limit %s%n", n, latency,
                env("SYNC_CONCURRENCY", "128"));
        String account = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        BenchPractice practice = new BenchPractice(stack, account);
        String sample = practice.prepare(n);
        System.out.printf("practice generated (%,d clients); a client record is %,d bytes%n", n, sample.length());

        // warmed like the services, and the fastest run counts: the first runs also warm this JVM's Kafka
        // and JDBC code, and a slow floor would flatter the ratio
        awaitQuiet();
        List<Double> hops = untilSettled(() -> floorKafka(n, sample));
        List<Double> inserts = untilSettled(() -> floorDatabase(n, sample));
        System.out.printf("floor runs (s): Kafka hops %s; insert %s%n", seconds(hops), seconds(inserts));
        double floorKafka = java.util.Collections.min(hops);
        double floorDb = java.util.Collections.min(inserts);
        double floor = floorKafka + floorDb;
        System.out.printf("floor: %d Kafka hops %.1f s + batched insert of %,d rows %.1f s = %.1f s -> %,.0f clients/s%n",
                HOPS, floorKafka, n, floorDb, floor, n / floor);

        stack.put(stack.sandbox() + "/sandbox/faults", null,
                "{\"latencyMs\": " + latency + ", \"errorRate\": 0.0, \"status\": 503, \"throttleRate\": 0.0}");
        try {
            if (warmup > 0) {
                warmUp(warmup);
            }
            awaitQuiet();
            importRun(practice, n, floor);
        } finally {
            stack.put(stack.sandbox() + "/sandbox/faults", null,
                    "{\"latencyMs\": 0, \"errorRate\": 0.0, \"status\": 503, \"throttleRate\": 0.0}");
        }
    }

    /** The machine counts as quiet below this share of its CPU busy over a second. */
    static final double QUIET = 0.15;

    /**
     * Waits (up to a minute) until the machine is quiet: work left over from the generator or the last
     * warm-up import, PostgreSQL's autovacuum above all, would otherwise run during the floor or the
     * measured import and slow it. Linux only; elsewhere it returns at once.
     */
    static void awaitQuiet() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        long[] before = cpuTicks();
        while (before != null && Instant.now().isBefore(deadline)) {
            Thread.sleep(1_000);
            long[] after = cpuTicks();
            double busy = 1 - (double) (after[1] - before[1]) / Math.max(1, after[0] - before[0]);
            if (busy < QUIET) {
                return;
            }
            before = after;
        }
        if (before != null) {
            System.out.println("the machine did not quiet down within a minute; measuring anyway");
        }
    }

    /** Total and idle (with I/O wait) CPU ticks of the machine since boot, or null without /proc. */
    private static long[] cpuTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            // user, nice, system, idle, iowait, irq, softirq, steal (guest time is inside user already)
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        } catch (Exception e) {
            return null;
        }
    }

    /** At most this many warm-up imports or floor runs; they stop earlier once the figure has settled. */
    static final int MAX_WARMUP_ROUNDS = 5;

    /** A run of the floor or a warm-up import, giving a figure (seconds, or clients per second). */
    interface Round {
        double run() throws Exception;
    }

    /**
     * Runs {@code round} until two runs in a row give figures within 10 % of each other (at most
     * {@link #MAX_WARMUP_ROUNDS}), and returns every figure: a JVM's code takes a few runs to compile.
     */
    static List<Double> untilSettled(Round round) throws Exception {
        return untilSettled(MAX_WARMUP_ROUNDS, round);
    }

    static List<Double> untilSettled(int rounds, Round round) throws Exception {
        List<Double> figures = new java.util.ArrayList<>();
        while (figures.size() < rounds) {
            double figure = round.run();
            double previous = figures.isEmpty() ? 0 : figures.get(figures.size() - 1);
            figures.add(figure);
            if (previous > 0 && Math.abs(figure - previous) <= 0.1 * previous) {
                break;
            }
        }
        return figures;
    }

    private static String seconds(List<Double> figures) {
        return String.join(" ", figures.stream().map(f -> String.format("%.2f", f)).toList());
    }

    /**
     * Untimed imports first, each on an account of its own, until two in a row run within 10 % of each
     * other's rate: the services run long in production, so the measured import should meet them with
     * their code compiled. Five JVMs share two cores with their JIT compilers, which takes a few hundred
     * thousand clients, not one import of 100,000.
     */
    void warmUp(int clients) throws Exception {
        warmUp(clients, MAX_WARMUP_ROUNDS);
    }

    /** As {@link #warmUp(int)}, with at most {@code rounds} imports. */
    void warmUp(int clients, int rounds) throws Exception {
        int[] round = {0};
        untilSettled(rounds, () -> {
            BenchPractice practice = new BenchPractice(stack, "bench-warmup-" + UUID.randomUUID().toString().substring(0, 8));
            practice.prepare(clients);
            long[] before = serviceTicks();
            Instant start = Instant.now();
            String importId = practice.start();
            while (!"COMPLETED".equals(practice.status(importId).path("status").asText())) {
                Thread.sleep(500);
            }
            double rate = clients / (Duration.between(start, Instant.now()).toMillis() / 1000.0);
            long[] after = serviceTicks();
            String jit = before == null || after == null || after[0] == before[0] ? ""
                    : String.format(" (the JIT compilers used %.0f %% of the services' CPU)",
                            100.0 * (after[1] - before[1]) / (after[0] - before[0]));
            System.out.printf("warm-up %d: an import of %,d clients ran at %,.0f clients/s%s; not part of the"
                    + " figures below%n", ++round[0], clients, rate, jit);
            return rate;
        });
    }

    /**
     * CPU ticks the five services have used so far, in all their threads and in their JIT compiler
     * threads ({@code C1/C2 CompilerThread}), or null without /proc: the compilers' share shows how
     * warm the services are.
     */
    static long[] serviceTicks() {
        long all = 0;
        long jit = 0;
        try {
            for (String svc : SERVICES) {
                try (var threads = Files.list(Path.of("/proc", pidOf(svc), "task"))) {
                    for (Path t : threads.toList()) {
                        try {
                            String stat = Files.readString(t.resolve("stat"));
                            String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                            String[] f = statFields(stat);
                            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                            all += ticks;
                            if (name.matches("C\\d CompilerThre.*")) {
                                jit += ticks;
                            }
                        } catch (java.io.IOException | RuntimeException gone) {
                            // the thread ended while listing
                        }
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        return new long[] {all, jit};
    }

    /**
     * How often the measured import's memory is sampled. Scraping five services' metrics costs each of
     * them CPU the import needs (a scrape is about 20 ms of CPU, mostly Kafka client metrics), so it is
     * rare; the stages are timed from the records themselves, not from metrics.
     */
    static final Duration MEMORY_SAMPLE = Duration.ofSeconds(5);

    void importRun(BenchPractice practice, int n, double floor) throws Exception {
        Map<String, Double> cpuBefore = cpuSeconds();
        Map<String, Long> heapPeak = new LinkedHashMap<>();
        Map<String, Long> livePeak = new LinkedHashMap<>();
        Instant start = Instant.now();
        String importId = practice.start();
        Double enumerated = null;
        Instant sampled = Instant.MIN;
        while (true) {
            JsonNode s = practice.status(importId);
            Instant now = Instant.now();
            if (enumerated == null && s.path("enumerationComplete").asBoolean()) {
                enumerated = Duration.between(start, now).toMillis() / 1000.0;
            }
            boolean completed = "COMPLETED".equals(s.path("status").asText());
            if (completed || !now.isBefore(sampled.plus(MEMORY_SAMPLE))) {
                sampled = now;
                Map<String, Double> m = metrics();
                for (String svc : SERVICES) {
                    heapPeak.merge(svc, m.getOrDefault(svc + " jvm_memory_used_bytes{area=\"heap\"", 0.0).longValue(),
                            Math::max);
                    livePeak.merge(svc, m.getOrDefault(svc + " jvm_gc_live_data_size_bytes", 0.0).longValue(), Math::max);
                }
            }
            if (completed) {
                break;
            }
            Thread.sleep(200);
        }
        double total = Duration.between(start, Instant.now()).toMillis() / 1000.0;
        Map<String, Double> cpuAfter = cpuSeconds();
        JsonNode report = practice.report(importId);
        System.out.printf("import: %,d clients in %.1f s -> %,.0f clients/s (imported %,d, failed %,d, excluded %,d)%n", n,
                total, n / total, report.path("imported").asLong(), report.path("failed").asLong(),
                report.path("excluded").asLong());
        System.out.printf("stages (seconds from the POST until each finished): enumeration %.1f, validation %.1f,"
                + " sync %.1f, report %.1f%n", nz(enumerated), sinceStart(start, lastRecordAt(Topics.VALIDATION_RESULTS,
                importId)), sinceStart(start, lastRecordAt(Topics.SYNC_RESULTS, importId)), total);
        System.out.println("memory per service: peak RSS since start / peak heap used / peak heap live after GC,"
                + " during the import");
        for (String svc : SERVICES) {
            System.out.printf("   %-17s %6d MiB / %6d MiB / %6d MiB%n", svc, peakRssMib(svc),
                    heapPeak.get(svc) / (1024 * 1024), livePeak.get(svc) / (1024 * 1024));
        }
        if (!cpuAfter.isEmpty()) {
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf("CPU seconds during the import (%.0f s of %d cores = %.0f available):%n", total, cores,
                    total * cores);
            cpuAfter.forEach((process, seconds) -> System.out.printf("   %-17s %6.1f s%n", process,
                    seconds - cpuBefore.getOrDefault(process, 0.0)));
        }
        System.out.printf("ratio import/floor: %.2f (import %.1f s, floor %.1f s)%n", total / floor, total, floor);
    }

    private static double nz(Double d) {
        return d == null ? Double.NaN : d;
    }

    private static double sinceStart(Instant start, Instant at) {
        return at == null ? Double.NaN : Duration.between(start, at).toMillis() / 1000.0;
    }

    /** Records read back from the end of each partition to find an import's newest one. */
    static final int TAIL_RECORDS = 5_000;

    /**
     * When a stage finished: the timestamp of the import's newest record on the topic the stage writes
     * (its producer's clock, taken at the send), or null if none is among the last {@link #TAIL_RECORDS}
     * of any partition. Reading only the last record of each partition printed NaN whenever anything else
     * was written after the import's last record on one (another practice's save, a warm-up round's late
     * verdict, a dead letter's replay).
     */
    Instant lastRecordAt(String topic, String importId) {
        Instant last = null;
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<TopicPartition> written = partitions.stream().filter(p -> end.get(p) > begin.get(p)).toList();
            consumer.assign(written);
            written.forEach(p -> consumer.seek(p, Math.max(begin.get(p), end.get(p) - TAIL_RECORDS)));
            java.util.Set<TopicPartition> unread = new java.util.HashSet<>(written);
            Instant deadline = Instant.now().plusSeconds(60);
            while (!unread.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp) - 1) {
                        unread.remove(tp);
                    }
                    Instant at = Instant.ofEpochMilli(r.timestamp());
                    if (r.value() != null && r.value().contains(importId) && (last == null || at.isAfter(last))) {
                        last = at;
                    }
                }
            }
        }
        return last;
    }

    /** N client-sized records produced, relayed twice and consumed: the pipeline's three hops. */
    double floorKafka(int n, String payload) throws Exception {
        String prefix = "bench.floor." + UUID.randomUUID().toString().substring(0, 8) + ".";
        // made before the clock starts, as the pipeline's topics are: a consumer subscribed to a topic
        // that does not exist yet may wait minutes for its next metadata refresh
        try (Admin admin = Admin.create(kafka())) {
            int partitions = admin.describeTopics(List.of(Topics.CLIENT_RECORDS)).allTopicNames().get()
                    .get(Topics.CLIENT_RECORDS).partitions().size();
            List<String> topics = List.of(prefix + 1, prefix + 2, prefix + 3);
            admin.createTopics(topics.stream().map(t -> new NewTopic(t, Optional.of(partitions), Optional.empty()))
                    .toList()).all().get();
            awaitLeaders(topics, partitions);
            Instant start = Instant.now();
            Thread relay1 = relay(topics.get(0), topics.get(1), n);
            Thread relay2 = relay(topics.get(1), topics.get(2), n);
            relay1.start();
            relay2.start();
            try (KafkaProducer<String, String> producer = producer()) {
                for (int i = 0; i < n; i++) {
                    producer.send(new ProducerRecord<>(topics.get(0), "bench:" + i, payload));
                }
                producer.flush();
            }
            consume(topics.get(2), n, r -> { });
            relay1.join();
            relay2.join();
            double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            admin.deleteTopics(topics).all().get();
            return seconds;
        }
    }

    /**
     * Waits until the broker has a leader for every partition of the new topics. An idempotent producer
     * that writes to a partition in its first moments can have its first batch refused while later
     * ones land, and then retries that batch for minutes (OutOfOrderSequenceException in the broker log).
     */
    private void awaitLeaders(List<String> topics, int partitions) throws InterruptedException {
        try (KafkaProducer<String, String> probe = producer()) {
            for (String topic : topics) {
                while (probe.partitionsFor(topic).stream().filter(p -> p.leader() != null && !p.leader().isEmpty())
                        .count() < partitions) {
                    Thread.sleep(100);
                }
            }
        }
        // a leader in the metadata was not enough: with writes in the first second after creation the
        // refusals still came, now and then; none came in runs with this pause
        Thread.sleep(TOPIC_SETTLE.toMillis());
    }

    private Thread relay(String from, String to, int n) {
        return new Thread(() -> {
            try (KafkaProducer<String, String> producer = producer()) {
                consume(from, n, r -> producer.send(new ProducerRecord<>(to, r.key(), r.value())));
                producer.flush();
            }
        });
    }

    /**
     * Reads N records from every partition of {@code topic}. Partitions are assigned, not subscribed to:
     * no group to join, and no wait for a metadata refresh when the topic is younger than the consumer's
     * metadata (a subscription once waited minutes for it).
     */
    private void consume(String topic, int n, java.util.function.Consumer<ConsumerRecord<String, String>> each) {
        long seen = 0;
        try (KafkaConsumer<String, String> consumer = consumer()) {
            // the topic has its leaders by now (awaitLeaders)
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (seen < n) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    each.accept(r);
                    seen++;
                }
            }
        }
    }

    /** A consumer without a group: its partitions are assigned, and it commits nothing. */
    private KafkaConsumer<String, String> consumer() {
        Properties props = new Properties();
        props.putAll(kafka());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.putAll(kafka());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, env("KAFKA_COMPRESSION", "none"));
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** One batched insert of N client-sized rows. */
    double floorDatabase(int n, String payload) throws Exception {
        String url = "jdbc:postgresql://" + env("BRIGHT_DB_HOST", "localhost") + ":" + env("BRIGHT_DB_PORT", "5432") + "/"
                + env("BRIGHT_DB_NAME", "bright") + "?reWriteBatchedInserts=true";
        try (Connection c = DriverManager.getConnection(url, env("BRIGHT_DB_USER", "bright"),
                env("BRIGHT_DB_PASSWORD", "bright"))) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE bench_floor (id BIGINT PRIMARY KEY, body TEXT)");
            }
            Instant start = Instant.now();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO bench_floor (id, body) VALUES (?, ?)")) {
                for (int i = 0; i < n; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, payload);
                    ps.addBatch();
                    if (i % 5_000 == 4_999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
            return Duration.between(start, Instant.now()).toMillis() / 1000.0;
        }
    }

    /** Every service's Prometheus samples, keyed "service name{labels" (label values kept). */
    Map<String, Double> metrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String svc : SERVICES) {
            // metrics are on the management interface: the service's port + 1000
            StackClient.Answer a = stack.get("http://localhost:" + (Integer.parseInt(port(svc)) + 1000) + "/q/metrics", null);
            if (a.status() != 200) {
                continue;
            }
            for (String line : a.raw().split("\n")) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                int space = line.lastIndexOf(' ');
                String name = line.substring(0, space);
                int brace = name.indexOf('{');
                String key = svc + " " + (brace < 0 ? name : name.substring(0, brace));
                double value = Double.parseDouble(line.substring(space + 1));
                out.merge(key, value, Double::sum);
                if (name.contains("area=\"heap\"") && name.startsWith("jvm_memory_used_bytes")) {
                    out.merge(svc + " jvm_memory_used_bytes{area=\"heap\"", value, Double::sum);
                }
            }
        }
        return out;
    }

    /**
     * CPU seconds used so far by each service, the broker and PostgreSQL (Linux /proc; empty elsewhere).
     * Children's time is included, so PostgreSQL's ended backends count too.
     */
    static Map<String, Double> cpuSeconds() {
        Map<String, Double> out = new LinkedHashMap<>();
        try {
            for (String svc : SERVICES) {
                out.put(svc, cpuOf(pidOf(svc)));
            }
            Path broker = Path.of(env("KAFKA_DIR", ".local/kafka"), "broker.pid");
            if (Files.exists(broker)) {
                out.put("kafka", cpuOf(Files.readString(broker).strip()));
            }
            double postgres = 0;
            try (var procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        if ("postgres".equals(Files.readString(p.resolve("comm")).strip())) {
                            postgres += cpuOf(p.getFileName().toString());
                        }
                    } catch (Exception gone) {
                        // the process ended while listing
                    }
                }
            }
            out.put("postgresql", postgres);
        } catch (Exception e) {
            return Map.of();
        }
        return out;
    }

    private static double cpuOf(String pid) throws java.io.IOException {
        String[] f = statFields(Files.readString(Path.of("/proc", pid, "stat")));
        // fields 14-17 of stat (utime, stime, cutime, cstime), counted after the command name
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        return ticks / 100.0;
    }

    /** The fields of a /proc stat line after the command name (which may hold spaces), from the state on. */
    private static String[] statFields(String stat) {
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** The process id of a service that scripts/services.sh started. */
    private static String pidOf(String svc) throws java.io.IOException {
        return Files.readString(Path.of(env("RUN_DIR", ".local/run"), svc + ".pid")).strip();
    }

    private static long peakRssMib(String svc) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pidOf(svc), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }

    private static String port(String svc) {
        return switch (svc) {
            case "import-api" -> env("IMPORT_API_PORT", "8081");
            case "record-validator" -> env("RECORD_VALIDATOR_PORT", "8082");
            case "sync-worker" -> env("SYNC_WORKER_PORT", "8083");
            case "report-service" -> env("REPORT_SERVICE_PORT", "8084");
            default -> env("SANDBOX_PORT", "8089");
        };
    }

    /** The brokers and the security settings from the environment, as the services take them. */
    private static Map<String, Object> kafka() {
        return KafkaSecurity.clientConfig(System::getenv);
    }
}
