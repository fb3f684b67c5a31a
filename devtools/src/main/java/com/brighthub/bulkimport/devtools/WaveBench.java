package com.brighthub.bulkimport.devtools;

import static com.brighthub.bulkimport.devtools.StackClient.env;

import com.brighthub.bulkimport.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./bright bench --wave [--scale F] [--latency-ms L]}: an onboarding wave on the running stack.
 * One large import alone (its rate), one small import alone (its time), then the wave: the large import,
 * {@value #SMALLS} small ones started together a few seconds later, and {@value #SAVES_PER_SECOND} saves
 * a second in BrightManager on practices imported before. Beside them, what the wave is made of: the large
 * import with the saves alone, and the small imports started together alone. The wave runs twice, with the
 * fairness on (import-api's in-flight bound) and off (no bound), each on an import-api restarted with that
 * setting and warmed by imports until their rate settles (at most three), with the saves flowing, so the
 * gain is measured side by side on equal terms.
 */
final class WaveBench {

    static final int LARGE = 500_000;
    static final int SMALL = 1_000;
    static final int SMALLS = 20;
    static final int SAVES_PER_SECOND = 20;
    /** How long after the large import the small ones start. */
    static final Duration SMALLS_AFTER = Duration.ofSeconds(5);
    /** The in-flight bound with the fairness switched off: no import is ever held at it. */
    static final String UNBOUNDED = "1000000000";
    /** The size of a practice whose clients are saved during the waves. */
    static final int SAVE_PRACTICE = 2_500;

    private final StackClient stack = new StackClient();
    final int large;
    final int small;
    private final int latency;

    WaveBench(double scale, int latency) {
        this.large = Math.max(1, (int) Math.round(LARGE * scale));
        this.small = Math.max(1, (int) Math.round(SMALL * scale));
        this.latency = latency;
    }

    /** The warm-up imports' size: as in the plain bench, as many as the large import, up to 100,000. */
    int warmupSize() {
        return Math.min(large, 100_000);
    }

    /** What one wave measured. */
    record Wave(double largeRate, List<Double> smallSeconds, List<Double> saveSeconds, int savesSent, int savesLost) {
    }

    void run(int warmup) throws Exception {
        System.out.printf("bench --wave: a %,d-client import, %d of %,d clients, %d saves/s; BrightClient latency %d ms%n",
                large, SMALLS, small, SAVES_PER_SECOND, latency);
        faults(latency);
        try {
            SaveStream stream = new SaveStream(stack, SAVES_PER_SECOND * (large / 1_500 + 60));
            if (warmup > 0) {
                // with saves flowing, so the save lane's code is compiled too before anything is measured
                SaveStream.Run saves = stream.start();
                try {
                    new BenchCli().warmUp(warmup);
                } finally {
                    saves.stop();
                }
            }
            double largeSolo = large / soloSeconds(List.of(fresh("large", large))).get(0);
            System.out.printf("large import alone: %,.0f clients/s%n", largeSolo);
            BenchPractice withSaves = fresh("large", large);
            BenchCli.awaitQuiet();
            SaveStream.Run saving = stream.start();
            double largeWithSaves;
            try {
                largeWithSaves = large / BenchPractice.seconds(withSaves.awaitCompleted(withSaves.start(),
                        Duration.ofSeconds(1)));
            } finally {
                saving.stop();
            }
            System.out.printf("large import with the saves alone: %,.0f clients/s%n", largeWithSaves);
            List<Double> solos = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                solos.addAll(soloSeconds(List.of(fresh("small", small))));
            }
            double smallSolo = median(solos);
            System.out.printf("one small import alone: %.1f s (median of %s)%n", smallSolo, fmt(solos));
            List<Double> together = soloSeconds(smalls());
            System.out.printf("the %d small imports started together, alone: p50 %.1f s, max %.1f s%n", SMALLS,
                    median(together), Collections.max(together));

            // each wave on an import-api just restarted with its setting and warmed alike, so neither meets it warmer
            Wave on;
            Wave off;
            try {
                on = waveAfterRestart(stream, null, "fairness on", Math.max(warmup, Math.min(large, 50_000)));
                off = waveAfterRestart(stream, UNBOUNDED, "fairness off", Math.max(warmup, Math.min(large, 50_000)));
            } finally {
                restartImportApi(null);
            }
            print(largeSolo, largeWithSaves, smallSolo, Collections.max(together), on, off);
        } finally {
            faults(0);
        }
    }

    private void faults(int latencyMs) {
        stack.put(stack.sandbox() + "/sandbox/faults", null,
                "{\"latencyMs\": " + latencyMs + ", \"errorRate\": 0.0, \"status\": 503, \"throttleRate\": 0.0}");
    }

    /** The practices' imports, started together on a quiet stack: each one's time in seconds. */
    private List<Double> soloSeconds(List<BenchPractice> practices) throws Exception {
        BenchCli.awaitQuiet();
        List<String> imports = startTogether(practices);
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < practices.size(); i++) {
            seconds.add(BenchPractice.seconds(practices.get(i).awaitCompleted(imports.get(i), Duration.ofMillis(200))));
        }
        return seconds;
    }

    private List<BenchPractice> smalls() {
        List<BenchPractice> smalls = new ArrayList<>();
        for (int i = 0; i < SMALLS; i++) {
            smalls.add(fresh("small", small));
        }
        return smalls;
    }

    /** Starts every practice's import at once, each from a thread of its own; returns the import ids. */
    private static List<String> startTogether(List<BenchPractice> practices) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(practices.size());
        try {
            List<Future<String>> started = new ArrayList<>();
            for (BenchPractice p : practices) {
                started.add(pool.submit(p::start));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : started) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            pool.shutdown();
        }
    }

    private BenchPractice fresh(String what, int n) {
        BenchPractice practice = new BenchPractice(stack, "wave-" + what + "-" + UUID.randomUUID().toString().substring(0, 8));
        practice.prepare(n);
        return practice;
    }

    /**
     * The wave on an import-api restarted with {@code maxInFlight} and warmed as at the start (imports until
     * their rate settles, with the saves flowing): a wave on an import-api warmed by one import ran its small
     * imports several times slower, with the bound or without it.
     */
    private Wave waveAfterRestart(SaveStream stream, String maxInFlight, String name, int warmup) throws Exception {
        restartImportApi(maxInFlight);
        SaveStream.Run saves = stream.start();
        try {
            new BenchCli().warmUp(warmup, 3);
        } finally {
            saves.stop();
        }
        return wave(stream, name);
    }

    private Wave wave(SaveStream stream, String name) throws Exception {
        BenchPractice big = fresh("large", large);
        List<BenchPractice> smalls = smalls();
        BenchCli.awaitQuiet();
        SaveStream.Run saves = stream.start();
        List<Double> smallSeconds = new ArrayList<>();
        double largeRate;
        try {
            String bigImport = big.start();
            Thread.sleep(SMALLS_AFTER.toMillis());
            List<String> imports = startTogether(smalls);
            for (int i = 0; i < SMALLS; i++) {
                smallSeconds.add(BenchPractice.seconds(smalls.get(i).awaitCompleted(imports.get(i),
                        Duration.ofSeconds(1))));
            }
            largeRate = large / BenchPractice.seconds(big.awaitCompleted(bigImport, Duration.ofSeconds(1)));
        } finally {
            saves.stop();
        }
        List<Double> latencies = saves.latencies();
        Wave wave = new Wave(largeRate, smallSeconds, latencies, saves.sent(), saves.sent() - latencies.size());
        System.out.printf("wave, %s: large import %,.0f clients/s; small imports p50 %.1f s, max %.1f s; %d saves,"
                + " p99 %.2f s%s%n", name, largeRate, median(smallSeconds), Collections.max(smallSeconds),
                wave.savesSent(), percentile(latencies, 99), saves.ranOut() ? " (ran out of clients to save)" : "");
        return wave;
    }

    private void print(double largeSolo, double largeWithSaves, double smallSolo, double togetherMax, Wave on, Wave off) {
        System.out.println();
        System.out.printf("%-44s %14s %14s%n", "", "fairness on", "fairness off");
        row("large import alone (clients/s)", "%,.0f", largeSolo, largeSolo);
        row("large import with the saves alone (clients/s)", "%,.0f", largeWithSaves, largeWithSaves);
        row("large import in the wave (clients/s)", "%,.0f", on.largeRate(), off.largeRate());
        row("  its rate lost to the wave (%)", "%.0f", 100 * (1 - on.largeRate() / largeSolo),
                100 * (1 - off.largeRate() / largeSolo));
        row("one small import alone (s)", "%.1f", smallSolo, smallSolo);
        row(SMALLS + " small imports together, alone, max (s)", "%.1f", togetherMax, togetherMax);
        for (int p : new int[] {50, 95}) {
            row("small imports in the wave, p" + p + " (s)", "%.1f", percentile(on.smallSeconds(), p),
                    percentile(off.smallSeconds(), p));
        }
        row("small imports in the wave, max (s)", "%.1f", Collections.max(on.smallSeconds()),
                Collections.max(off.smallSeconds()));
        row("  max / one alone", "%.1f", Collections.max(on.smallSeconds()) / smallSolo,
                Collections.max(off.smallSeconds()) / smallSolo);
        row("  max / " + SMALLS + " together alone", "%.1f", Collections.max(on.smallSeconds()) / togetherMax,
                Collections.max(off.smallSeconds()) / togetherMax);
        row("saves sent", "%.0f", on.savesSent(), off.savesSent());
        for (int p : new int[] {50, 99}) {
            row("save -> BrightClient, p" + p + " (s)", "%.2f", percentile(on.saveSeconds(), p),
                    percentile(off.saveSeconds(), p));
        }
        row("save -> BrightClient, max (s)", "%.2f", percentile(on.saveSeconds(), 100), percentile(off.saveSeconds(), 100));
        row("saves not in BrightClient after 2 min", "%.0f", on.savesLost(), off.savesLost());
    }

    private static void row(String label, String format, double on, double off) {
        System.out.printf("%-44s %14s %14s%n", label, String.format(format, on), String.format(format, off));
    }

    static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        // nearest rank
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double median(List<Double> values) {
        return percentile(values, 50);
    }

    private static String fmt(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format("%.1f s", v)).toList());
    }

    /**
     * Restarts import-api (every instance) with the in-flight bound given, or with its own default when
     * null, through scripts/services.sh, which waits until it is ready.
     */
    private static void restartImportApi(String maxInFlight) throws Exception {
        Path root = Path.of(env("BRIGHT_ROOT", "."));
        long instances;
        try (var pids = Files.list(Path.of(env("RUN_DIR", root.resolve(".local/run").toString())))) {
            instances = pids.filter(f -> f.getFileName().toString().matches("import-api(-\\d)?\\.pid")).count();
        }
        ProcessBuilder pb = new ProcessBuilder(root.resolve("scripts/services.sh").toString(), "restart", "import-api")
                .inheritIO();
        pb.environment().put("BRIGHT_INSTANCES", String.valueOf(Math.max(1, instances)));
        if (maxInFlight == null) {
            pb.environment().remove("IMPORT_MAX_IN_FLIGHT");
        } else {
            pb.environment().put("IMPORT_MAX_IN_FLIGHT", maxInFlight);
        }
        System.out.printf("restarting import-api with IMPORT_MAX_IN_FLIGHT=%s%n", maxInFlight == null ? "(default)" : maxInFlight);
        if (pb.start().waitFor() != 0) {
            throw new IllegalStateException("import-api did not restart: see .local/logs/import-api.log");
        }
    }

    /**
     * Saves in BrightManager at {@value #SAVES_PER_SECOND} a second, each of a client imported before and
     * not saved before, and how long each took to reach BrightClient: from just before the save to the
     * BrightClient record's update time (the sandbox's database clock, on the same machine).
     */
    static final class SaveStream {
        private final StackClient stack;
        private final List<Client> clients;

        record Client(String account, String id) {
        }

        record Save(Client client, Instant at) {
        }

        /** Imports enough practices to have {@code saves} valid clients to save. */
        SaveStream(StackClient stack, int saves) throws Exception {
            this.stack = stack;
            List<Client> all = new ArrayList<>();
            while (all.size() < saves) {
                BenchPractice practice = new BenchPractice(stack, "wave-saves-" + UUID.randomUUID().toString().substring(0, 8));
                practice.prepare(SAVE_PRACTICE);
                practice.awaitCompleted(practice.start(), Duration.ofMillis(500));
                for (JsonNode id : stack.get(stack.sandbox() + "/sandbox/accounts/" + practice.account
                        + "/expected/valid-ids", null).body()) {
                    all.add(new Client(practice.account, id.asText()));
                }
            }
            System.out.printf("saves: %,d imported clients to save, over %d practices%n", all.size(),
                    all.stream().map(Client::account).distinct().count());
            this.clients = all;
        }

        Run start() {
            return new Run();
        }

        /**
         * Saves sent from {@link #start()} until {@link #stop()}, each of another client. A run saves the
         * clients again from the first: a save of the run before is already in BrightClient, or earlier
         * than this run's save of the same client, so it is not taken for it.
         */
        final class Run {
            private final Iterator<Client> next = clients.iterator();
            private volatile boolean ranOut;
            private final ConcurrentLinkedQueue<Save> sent = new ConcurrentLinkedQueue<>();
            // a daemon: a bench that fails leaves no saves running behind it
            private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-saves");
                t.setDaemon(true);
                return t;
            });

            Run() {
                timer.scheduleAtFixedRate(this::saveOne, 0, 1_000_000 / SAVES_PER_SECOND, TimeUnit.MICROSECONDS);
            }

            private void saveOne() {
                try {
                    save();
                } catch (RuntimeException e) {
                    // a save that could not be made is not sent: the stream goes on (an exception would end it)
                    System.out.println("a save was not made: " + e.getMessage());
                }
            }

            private void save() {
                Client client;
                synchronized (next) {
                    if (!next.hasNext()) {
                        ranOut = true;
                        return;
                    }
                    client = next.next();
                }
                String url = stack.sandbox() + "/brightmanager/accounts/" + client.account() + "/clients/" + client.id();
                ObjectNode body = (ObjectNode) stack.get(url, null).body();
                body.put("name", body.path("name").asText() + " (saved)");
                Instant at = Instant.now();
                if (stack.put(url, null, Json.write(body)).status() == 200) {
                    sent.add(new Save(client, at));
                }
            }

            void stop() throws InterruptedException {
                timer.shutdown();
                timer.awaitTermination(1, TimeUnit.MINUTES);
            }

            boolean ranOut() {
                return ranOut;
            }

            int sent() {
                return sent.size();
            }

            /** Each save's seconds to BrightClient, once it is there (waiting up to 2 minutes for the last). */
            List<Double> latencies() throws InterruptedException {
                List<Double> out = new ArrayList<>();
                List<Save> waiting = new ArrayList<>(sent);
                Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
                while (!waiting.isEmpty() && Instant.now().isBefore(deadline)) {
                    for (Iterator<Save> it = waiting.iterator(); it.hasNext(); ) {
                        Save save = it.next();
                        Instant at = save.at();
                        JsonNode records = stack.get(stack.sandbox() + "/sandbox/accounts/" + save.client().account()
                                + "/brightclient-records/" + save.client().id(), null).body();
                        JsonNode updated = records == null || records.isEmpty() ? null : records.get(0).path("updatedAt");
                        if (updated != null && updated.isTextual()) {
                            Instant u = java.time.OffsetDateTime.parse(updated.asText()).toInstant();
                            if (!u.isBefore(at)) {
                                out.add(Duration.between(at, u).toNanos() / 1e9);
                                it.remove();
                            }
                        }
                    }
                    if (!waiting.isEmpty()) {
                        Thread.sleep(1_000);
                    }
                }
                return out;
            }
        }
    }
}
