package com.brighthub.bulkimport.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.brighthub.bulkimport.model.TopicDeclaration;
import com.brighthub.bulkimport.model.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests (deploy/k8s) cannot be applied here (no cluster, no kubectl), so this renders them
 * with a small kustomize of its own and checks what a cluster would only tell at run time: every probe and the
 * metrics on the port the service serves them on (its management interface), the Service on its HTTP port,
 * every variable one the service reads, every reference resolvable, every
 * selector matching exactly one Deployment, every KEDA trigger on a consumer group and topic that exist. The
 * renderer implements only what the manifests use and refuses any other kustomization field, so a render
 * here is what {@code kubectl apply -k} would apply.
 */
class KubernetesManifestsTest {

    static final Path ROOT = Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("deploy/k8s");
    /**
     * The product services and their contract ports; the sandbox is the dev overlay's stand-in. Health and
     * metrics are on each one's management interface, {@value #MANAGEMENT_OFFSET} above.
     */
    static final Map<String, Integer> PRODUCT = Map.of("import-api", 8081, "record-validator", 8082,
            "sync-worker", 8083, "report-service", 8084);
    static final String SANDBOX = "sandbox";
    static final int SANDBOX_PORT = 8089;
    static final int MANAGEMENT_OFFSET = 1000;
    static final String CONFIG_MAP = "bulk-import-config";
    static final String SECRET = "bulk-import-secrets";
    /** Read by the image's entrypoint ({@code java $JAVA_OPTS ...}), not by the application's configuration. */
    static final Set<String> ENTRYPOINT_VARIABLES = Set.of("JAVA_OPTS");
    /**
     * The Kafka SASL/TLS settings service-common reads (its microprofile-config.properties), added there while
     * these manifests were written. A Deployment may reference them as optional secret keys (unset where the
     * Secret lacks them) even on a tree where a service does not read them yet; read, they are checked like
     * any other variable.
     */
    static final Set<String> KAFKA_SECURITY = Set.of("KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM",
            "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD", "KAFKA_SASL_JAAS_CONFIG", "KAFKA_SSL_TRUSTSTORE_LOCATION",
            "KAFKA_SSL_TRUSTSTORE_PASSWORD", "KAFKA_SSL_TRUSTSTORE_TYPE");
    /** Read with an empty default ({@code ${BRIGHT_JWT_PUBLIC_KEY:}}), yet the production start refuses without it. */
    static final Set<String> REFUSES_TO_START_WITHOUT = Set.of("BRIGHT_JWT_PUBLIC_KEY");
    static final String DEV_INFRASTRUCTURE = "dev-infrastructure";

    // ------------------------------------------------------------------------------------------ the renders

    @Test
    void eachLayoutRendersTheApplicationsItShould() {
        assertThat(names(render("base"), "Deployment")).containsExactlyInAnyOrderElementsOf(PRODUCT.keySet());
        assertThat(names(render("overlays/keda"), "Deployment")).containsExactlyInAnyOrderElementsOf(PRODUCT.keySet());
        assertThat(names(render("overlays/keda"), "ScaledObject")).containsExactlyInAnyOrder("record-validator", "sync-worker");

        List<Map<String, Object>> local = render("overlays/local");
        Set<String> applications = new TreeSet<>(PRODUCT.keySet());
        applications.add(SANDBOX);
        assertThat(names(local, "Deployment")).containsAll(applications);
        for (Map<String, Object> d : ofKind(local, "Deployment")) {
            if (!applications.contains(name(d))) {
                assertThat(labels(d)).as(name(d) + " is neither an application nor labelled dev infrastructure")
                        .containsEntry("app.kubernetes.io/component", DEV_INFRASTRUCTURE);
            }
        }
        assertThat(names(local, "Secret")).containsExactly(SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/keda"})
    void eachApplicationRunsItsImageOnItsHttpPortWithEveryProbeAndTheMetricsOnItsManagementPort(String layout) {
        List<Map<String, Object>> objects = render(layout);
        for (Map<String, Object> d : applications(objects)) {
            String service = name(d);
            Map<String, Object> c = container(d);
            ServiceConfig config = ServiceConfig.of(service);
            int port = config.httpPort();
            int management = config.managementPort();
            assertThat(port).as(service + ": quarkus.http.port's default is the contract's port")
                    .isEqualTo(PRODUCT.getOrDefault(service, SANDBOX_PORT));
            assertThat(config.managementEnabled()).as(service + ": %prod.quarkus.management.enabled=true - else "
                    + "health and metrics stay on the HTTP port and the probes below find nothing").isTrue();
            assertThat(management).as(service + ": quarkus.management.port's default is the HTTP port + "
                    + MANAGEMENT_OFFSET).isEqualTo(port + MANAGEMENT_OFFSET);
            assertThat(c.get("image")).as(service + " image").isEqualTo("brighthub/" + service + ":1.0.0");
            assertThat(c.get("imagePullPolicy")).as(service + " imagePullPolicy").isEqualTo("IfNotPresent");
            assertThat(containerPorts(c).values()).as(service + " containerPorts").contains(port, management);
            assertThat(containerPorts(c)).as(service + " containerPorts by name")
                    .containsEntry("http", port).containsEntry("management", management);

            Map<String, String> probes = Map.of("startupProbe", "/q/health/started", "readinessProbe",
                    "/q/health/ready", "livenessProbe", "/q/health/live");
            for (Map.Entry<String, String> p : probes.entrySet()) {
                Map<String, Object> get = map(at(c, p.getKey(), "httpGet"));
                assertThat(get).as(service + " " + p.getKey() + ".httpGet").isNotNull();
                assertThat(get.get("path")).as(service + " " + p.getKey() + " path").isEqualTo(p.getValue());
                assertThat(resolvePort(c, get.get("port"))).as(service + " " + p.getKey()
                        + " port: the management port (health is not on the HTTP port)").isEqualTo(management);
            }
            Map<String, Map<String, Object>> env = env(c);
            String portVariable = config.httpPortVariable();
            String managementVariable = config.managementPortVariable();
            assertThat(config.reads()).as(service + " reads " + managementVariable).contains(managementVariable);
            if (env.get(portVariable) != null) {
                assertThat(env.get(portVariable).get("value")).as(service + " " + portVariable)
                        .isEqualTo(Integer.toString(port));
                assertThat(env).as(service + " sets " + portVariable + ", so " + managementVariable + " too")
                        .containsKey(managementVariable);
            }
            if (env.get(managementVariable) != null) {
                assertThat(env.get(managementVariable).get("value")).as(service + " " + managementVariable)
                        .isEqualTo(Integer.toString(management));
            }
            Map<String, Object> annotations = map(at(d, "spec", "template", "metadata", "annotations"));
            assertThat(annotations).as(service + " pod annotations").isNotNull();
            assertThat(annotations.get("prometheus.io/port")).as(service + " metrics port: the management port")
                    .isEqualTo(Integer.toString(management));
            assertThat(annotations.get("prometheus.io/path")).as(service + " metrics path").isEqualTo("/q/metrics");

            Map<String, Object> podLabels = map(at(d, "spec", "template", "metadata", "labels"));
            for (Map<String, Object> s : ofKind(objects, "Service")) {
                if (!podLabels.entrySet().containsAll(map(at(s, "spec", "selector")).entrySet())) {
                    continue;
                }
                for (Object p : list(at(s, "spec", "ports"))) {
                    Object targetPort = map(p).getOrDefault("targetPort", map(p).get("port"));
                    assertThat(resolvePort(c, targetPort)).as("Service " + name(s) + " targetPort " + targetPort
                            + ": the HTTP port only, the management port stays out of the Service").isEqualTo(port);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/keda"})
    void eachApplicationHasRequestsAndLimitsAndAHeapSizedToItsLimit(String layout) {
        for (Map<String, Object> d : applications(render(layout))) {
            String service = name(d);
            Map<String, Object> c = container(d);
            for (String resource : List.of("cpu", "memory")) {
                Object request = at(c, "resources", "requests", resource);
                Object limit = at(c, "resources", "limits", resource);
                assertThat(request).as(service + " requests." + resource).isNotNull();
                assertThat(limit).as(service + " limits." + resource).isNotNull();
                assertThat(quantity(limit)).as(service + " " + resource + " limit not below its request")
                        .isGreaterThanOrEqualTo(quantity(request));
            }
            Map<String, Object> javaOpts = env(c).get("JAVA_OPTS");
            assertThat(javaOpts).as(service + " JAVA_OPTS").isNotNull();
            assertThat((String) javaOpts.get("value")).as(service + " JAVA_OPTS")
                    .contains("-XX:MaxRAMPercentage=75").doesNotContain("-Xmx");
        }
        Map<String, Object> report = deployment(render("base"), "report-service");
        assertThat(quantity(at(container(report), "resources", "limits", "memory")))
                .as("report-service is the smallest").isLessThan(quantity(at(container(
                        deployment(render("base"), "import-api")), "resources", "limits", "memory")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/keda"})
    void eachApplicationRunsAsNonRootWithAReadOnlyRootAndNothingElse(String layout) {
        for (Map<String, Object> d : applications(render(layout))) {
            String service = name(d);
            Map<String, Object> pod = map(at(d, "spec", "template", "spec"));
            assertThat(at(pod, "securityContext", "runAsNonRoot")).as(service + " runAsNonRoot").isEqualTo(true);
            assertThat(at(pod, "securityContext", "runAsUser")).as(service + " runAsUser").isEqualTo(10001);
            assertThat(pod.get("enableServiceLinks")).as(service + " enableServiceLinks: "
                    + "<SERVICE>_PORT variables would collide with the ones the services read").isEqualTo(false);
            assertThat(pod.get("automountServiceAccountToken")).as(service + " automountServiceAccountToken")
                    .isEqualTo(false);
            Map<String, Object> c = container(d);
            assertThat(at(c, "securityContext", "allowPrivilegeEscalation")).as(service + " allowPrivilegeEscalation")
                    .isEqualTo(false);
            assertThat(list(at(c, "securityContext", "capabilities", "drop"))).as(service + " capabilities.drop")
                    .contains("ALL");
            assertThat(at(c, "securityContext", "readOnlyRootFilesystem")).as(service + " readOnlyRootFilesystem")
                    .isEqualTo(true);
            String tmpVolume = list(c.get("volumeMounts")).stream().map(KubernetesManifestsTest::map)
                    .filter(m -> "/tmp".equals(m.get("mountPath"))).map(m -> (String) m.get("name"))
                    .findFirst().orElse(null);
            assertThat(tmpVolume).as(service + ": a writable /tmp under the read-only root").isNotNull();
            assertThat(list(pod.get("volumes")).stream().map(KubernetesManifestsTest::map)
                    .filter(v -> tmpVolume.equals(v.get("name"))).findFirst().orElseThrow())
                    .as(service + " /tmp volume").containsKey("emptyDir");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/keda"})
    void everyVariableIsOneTheServiceReadsAndEveryReferenceResolves(String layout) throws IOException {
        List<Map<String, Object>> objects = render(layout);
        Map<String, Object> config = map(one(objects, "ConfigMap", CONFIG_MAP).get("data"));
        Map<String, Object> secret = ofKind(objects, "Secret").stream().filter(s -> SECRET.equals(name(s)))
                .findFirst().map(s -> map(s.get("data"))).orElse(null);
        Set<String> documented = documentedSecretKeys();
        for (Map<String, Object> d : ofKind(objects, "Deployment")) {
            String deployment = name(d);
            boolean application = isApplication(d);
            for (Map<String, Object> c : containers(d)) {
                assertThat(c).as(deployment + ": envFrom would hand every key to every service")
                        .doesNotContainKey("envFrom");
                for (Map.Entry<String, Map<String, Object>> e : env(c).entrySet()) {
                    String variable = e.getKey();
                    String what = deployment + " " + variable;
                    Map<String, Object> configRef = map(at(e.getValue(), "valueFrom", "configMapKeyRef"));
                    Map<String, Object> secretRef = map(at(e.getValue(), "valueFrom", "secretKeyRef"));
                    boolean optional = secretRef != null && Boolean.TRUE.equals(secretRef.get("optional"));
                    if (application) {
                        ServiceConfig service = ServiceConfig.of(deployment);
                        boolean reads = service.reads().contains(variable) || ENTRYPOINT_VARIABLES.contains(variable);
                        boolean pending = KAFKA_SECURITY.contains(variable) && optional;
                        assertThat(reads || pending).as(what + ": not read by " + deployment
                                + "'s application.properties nor service-common's microprofile-config.properties")
                                .isTrue();
                        if (variable.matches(".*(PASSWORD|JAAS|SECRET|PUBLIC_KEY).*")) {
                            assertThat(secretRef).as(what + " comes from the Secret").isNotNull();
                        }
                        if (configRef != null || secretRef != null) {
                            assertThat((configRef != null ? configRef : secretRef).get("key"))
                                    .as(what + ": the key is the variable's name").isEqualTo(variable);
                        }
                    }
                    if (configRef != null) {
                        assertThat(configRef.get("name")).as(what + " ConfigMap").isEqualTo(CONFIG_MAP);
                        assertThat(config).as(what + ": the ConfigMap has the key").containsKey((String) configRef.get("key"));
                    }
                    if (secretRef != null) {
                        assertThat(secretRef.get("name")).as(what + ": the Secret the README documents").isEqualTo(SECRET);
                        if (!optional) {
                            assertThat(documented).as(what + ": documented in README.md and secrets.example.env")
                                    .contains((String) secretRef.get("key"));
                            if (secret != null) {
                                assertThat(secret).as(what + ": the overlay's Secret has the key")
                                        .containsKey((String) secretRef.get("key"));
                            }
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/keda"})
    void everyVariableAServiceNeedsInAClusterIsSet(String layout) {
        for (Map<String, Object> d : applications(render(layout))) {
            Map<String, Map<String, Object>> env = env(container(d));
            for (String needed : ServiceConfig.of(name(d)).needed()) {
                assertThat(env).as(name(d) + " sets " + needed
                        + " (no default, a localhost one - wrong in a pod - or the start refuses without it)")
                        .containsKey(needed);
                Map<String, Object> secretRef = map(at(env.get(needed), "valueFrom", "secretKeyRef"));
                if (secretRef != null) {
                    assertThat(secretRef.get("optional")).as(name(d) + " " + needed + " is not optional")
                            .isNotEqualTo(true);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/keda"})
    void everyConfigMapKeyIsReadBySomeDeployment(String layout) {
        List<Map<String, Object>> objects = render(layout);
        Set<String> referenced = new TreeSet<>();
        for (Map<String, Object> d : ofKind(objects, "Deployment")) {
            for (Map<String, Object> c : containers(d)) {
                for (Map<String, Object> e : env(c).values()) {
                    Map<String, Object> ref = map(at(e, "valueFrom", "configMapKeyRef"));
                    if (ref != null) {
                        referenced.add((String) ref.get("key"));
                    }
                }
            }
        }
        assertThat(map(one(objects, "ConfigMap", CONFIG_MAP).get("data")).keySet())
                .as("keys nobody reads").isSubsetOf(referenced);
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/keda"})
    void everySelectorMatchesExactlyOneDeploymentsPods(String layout) {
        List<Map<String, Object>> objects = render(layout);
        List<Map<String, Object>> deployments = ofKind(objects, "Deployment");
        for (Map<String, Object> d : deployments) {
            Map<String, Object> podLabels = map(at(d, "spec", "template", "metadata", "labels"));
            assertThat(podLabels).as(name(d) + " selector is in its pod labels")
                    .containsAllEntriesOf(map(at(d, "spec", "selector", "matchLabels")));
            for (Object t : list(at(d, "spec", "template", "spec", "topologySpreadConstraints"))) {
                assertThat(matching(deployments, map(at(t, "labelSelector", "matchLabels"))))
                        .as(name(d) + " topologySpreadConstraints").containsExactly(name(d));
            }
        }
        for (Map<String, Object> s : ofKind(objects, "Service")) {
            List<String> matched = matching(deployments, map(at(s, "spec", "selector")));
            assertThat(matched).as("Service " + name(s) + " selects").hasSize(1);
            Map<String, Object> target = deployment(objects, matched.get(0));
            for (Object p : list(at(s, "spec", "ports"))) {
                Object targetPort = map(p).getOrDefault("targetPort", map(p).get("port"));
                assertThat(containers(target).stream().map(c -> resolvePort(c, targetPort)).filter(x -> x != null))
                        .as("Service " + name(s) + " targetPort " + targetPort + " is a containerPort").isNotEmpty();
            }
        }
        for (Map<String, Object> b : ofKind(objects, "PodDisruptionBudget")) {
            assertThat(matching(deployments, map(at(b, "spec", "selector", "matchLabels"))))
                    .as("PodDisruptionBudget " + name(b) + " selects").hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "overlays/local", "overlays/keda"})
    void everyProductServiceHasAServiceAndABudgetADrainCanPass(String layout) {
        List<Map<String, Object>> objects = render(layout);
        for (String service : PRODUCT.keySet()) {
            Map<String, Object> d = deployment(objects, service);
            Map<String, Object> podLabels = map(at(d, "spec", "template", "metadata", "labels"));
            assertThat(ofKind(objects, "Service").stream()
                    .filter(s -> podLabels.entrySet().containsAll(map(at(s, "spec", "selector")).entrySet())))
                    .as(service + " Services").hasSize(1);
            List<Map<String, Object>> budgets = ofKind(objects, "PodDisruptionBudget").stream()
                    .filter(b -> podLabels.entrySet().containsAll(map(at(b, "spec", "selector", "matchLabels")).entrySet()))
                    .toList();
            assertThat(budgets).as(service + " PodDisruptionBudgets").hasSize(1);
            Map<String, Object> scaled = ofKind(objects, "ScaledObject").stream()
                    .filter(o -> service.equals(at(o, "spec", "scaleTargetRef", "name"))).findFirst().orElse(null);
            Object replicas = scaled != null ? at(scaled, "spec", "minReplicaCount") : at(d, "spec", "replicas");
            assertThat(replicas).as(service + " replicas (or KEDA's minimum)").isEqualTo(2);
            Map<String, Object> budget = map(budgets.get(0).get("spec"));
            if (budget.containsKey("minAvailable")) {
                assertThat((Integer) budget.get("minAvailable")).as(service + ": minAvailable below the replicas, or no drain passes")
                        .isLessThan((Integer) replicas).isPositive();
            } else {
                assertThat(budget.get("maxUnavailable")).as(service + " maxUnavailable").isEqualTo(1);
            }
        }
    }

    @Test
    void kedaScalesConsumerGroupsThatExistOnTheirTopicsUpToThePartitions() {
        List<Map<String, Object>> objects = render("overlays/keda");
        Set<String> topics = Topics.declared(1, (short) 1).stream().map(TopicDeclaration::name).collect(Collectors.toSet());
        int partitions = Integer.parseInt((String) at(one(objects, "ConfigMap", CONFIG_MAP), "data", "BRIGHT_KAFKA_PARTITIONS"));
        assertThat(partitions).as("bulk-import-config's partitions are the services' default")
                .isEqualTo(Integer.parseInt(ServiceConfig.commonDefault("BRIGHT_KAFKA_PARTITIONS")));
        List<Map<String, Object>> scaledObjects = ofKind(objects, "ScaledObject");
        assertThat(scaledObjects).isNotEmpty();
        for (Map<String, Object> so : scaledObjects) {
            String target = (String) at(so, "spec", "scaleTargetRef", "name");
            assertThat(at(so, "spec", "scaleTargetRef", "kind")).as(name(so) + " targets a Deployment")
                    .isIn(null, "Deployment");
            Map<String, Object> d = deployment(objects, target);
            assertThat(map(d.get("spec"))).as(target + ": replicas is KEDA's, the Deployment must not pin it")
                    .doesNotContainKey("replicas");
            int min = (Integer) at(so, "spec", "minReplicaCount");
            int max = (Integer) at(so, "spec", "maxReplicaCount");
            assertThat(min).as(name(so) + " minReplicaCount").isPositive().isLessThanOrEqualTo(max);
            assertThat(max).as(name(so) + ": replicas beyond the partitions sit idle").isLessThanOrEqualTo(partitions);

            ServiceConfig service = ServiceConfig.of(target);
            for (Object t : list(at(so, "spec", "triggers"))) {
                Map<String, Object> trigger = map(t);
                assertThat(trigger.get("type")).isEqualTo("kafka");
                Map<String, Object> meta = map(trigger.get("metadata"));
                String group = (String) meta.get("consumerGroup");
                String topic = (String) meta.get("topic");
                assertThat(topics).as(name(so) + " topic is declared in Topics").contains(topic);
                List<Channel> consumed = service.incoming().stream()
                        .filter(ch -> group.equals(ch.group()) && ch.topics().contains(topic)).toList();
                assertThat(consumed).as(name(so) + ": " + target + " consumes " + topic + " as group " + group)
                        .isNotEmpty();
                assertThat(meta.get("offsetResetPolicy")).as(name(so) + " offsetResetPolicy is the consumer's")
                        .isEqualTo(consumed.get(0).offsetReset());
                assertThat(meta.get("allowIdleConsumers")).as(name(so) + " allowIdleConsumers").isIn(null, "false");
                assertThat(Long.parseLong((String) meta.get("lagThreshold"))).as(name(so) + " lagThreshold").isPositive();
                assertThat(meta).as(name(so) + " bootstrap servers").doesNotContainKey("bootstrapServers");
                assertThat(env(container(d))).as(name(so) + " bootstrapServersFromEnv is a variable of " + target)
                        .containsKey((String) meta.get("bootstrapServersFromEnv"));
            }
        }
        assertThat(ofKind(render("base"), "ScaledObject")).as("KEDA stays optional: none in the base").isEmpty();
    }

    @Test
    void noLayoutButTheDevOverlayHoldsASecret() throws IOException {
        for (String layout : List.of("base", "overlays/keda")) {
            assertThat(ofKind(render(layout), "Secret")).as(layout + " renders no Secret").isEmpty();
        }
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path f : files.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.ya?ml")).toList()) {
                if (f.startsWith(K8S.resolve("overlays/local"))) {
                    continue;
                }
                String text = Files.readString(f);
                assertThat(text).as(K8S.relativize(f) + " has no Secret").doesNotContainPattern("(?m)^kind:\\s*Secret\\s*$");
                assertThat(text).as(K8S.relativize(f) + " generates no Secret")
                        .doesNotContainPattern("(?m)^\\s*secretGenerator\\s*:");
            }
        }
    }

    @Test
    void theDevOverlayPointsTheServicesAtItsOwnSandboxBrokerAndDatabase() {
        List<Map<String, Object>> objects = render("overlays/local");
        Map<String, Object> config = map(one(objects, "ConfigMap", CONFIG_MAP).get("data"));
        String sandbox = "http://" + serviceAddress(objects, SANDBOX);
        assertThat(config).containsEntry("BRIGHTMANAGER_URL", sandbox).containsEntry("BRIGHTCLIENT_URL", sandbox);
        assertThat(config.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo(serviceAddress(objects, "kafka"));
        assertThat(config.get("BRIGHT_DB_HOST") + ":" + config.get("BRIGHT_DB_PORT")).isEqualTo(serviceAddress(objects, "postgres"));
        assertThat(Integer.parseInt((String) config.get("BRIGHT_KAFKA_REPLICATION_FACTOR")))
                .as("replicas of a topic on a single broker").isEqualTo(at(deployment(objects, "kafka"), "spec", "replicas"));

        Map<String, Object> secret = one(objects, "Secret", SECRET);
        assertThat(labels(secret)).as("the dev Secret says so").containsEntry("bulk-import.brighthub.com/dev-only", "true");
        Map<String, Object> data = map(secret.get("data"));
        assertThat(decode(data.get("BRIGHT_DB_PASSWORD"))).isEqualTo("bright");
        String key = decode(data.get("BRIGHT_JWT_PUBLIC_KEY"));
        assertThat(key).isEqualTo("dev-jwt/publicKey.pem");
        assertThat(ROOT.resolve("api-common/src/main/resources").resolve(key))
                .as("the dev key is on the class path of import-api and report-service").exists();
    }

    @Test
    void theReadmeSaysHowToApplyAndWhatSecretsAProductionNeeds() throws IOException {
        String readme = Files.readString(K8S.resolve("README.md"));
        assertThat(readme).contains("kubectl apply -k deploy/k8s/overlays/local").contains(SECRET)
                .contains("kubectl create secret generic " + SECRET);
        assertThat(documentedSecretKeys()).isNotEmpty();
        for (String topic : List.of(Topics.CLIENT_RECORDS, Topics.VALIDATION_RESULTS)) {
            assertThat(readme).as("scaling guidance names " + topic).contains(topic);
        }
        assertThat(readme).contains("BRIGHT_KAFKA_PARTITIONS");
    }

    @Test
    void theRendererRefusesWhatItDoesNotImplement(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: []\nnamePrefix: prod-\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("namePrefix");
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [a.yaml]
                patches:
                  - patch: |-
                      apiVersion: v1
                      kind: ConfigMap
                      metadata: {name: a}
                      data: {k: v}
                      list: [1]
                """);
        Files.writeString(dir.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {}\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("list");
        Files.writeString(dir.resolve("kustomization.yaml"), """
                resources: [a.yaml]
                secretGenerator:
                  - name: s
                    literals: [K=v]
                """);
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("disableNameSuffixHash");
    }

    // -------------------------------------------------------------------------------- the services' config

    /** One incoming channel: its consumer group, topics and offset reset. */
    record Channel(String name, String group, List<String> topics, String offsetReset) {
    }

    /** What a service reads from the environment, in production (no %dev or %test line counts). */
    record ServiceConfig(String name, Properties properties, Properties common) {

        static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::([^}]*))?}");

        static final Map<String, ServiceConfig> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        static ServiceConfig of(String service) {
            return CACHE.computeIfAbsent(service, ServiceConfig::load);
        }

        static ServiceConfig load(String service) {
            try {
                Path module = ROOT.resolve(service);
                assertThat(Files.readString(module.resolve("pom.xml")))
                        .as(service + " depends on service-common (whose configuration it therefore reads)")
                        .contains("<artifactId>service-common</artifactId>");
                return new ServiceConfig(service, load(module.resolve("src/main/resources/application.properties")),
                        load(ROOT.resolve("service-common/src/main/resources/META-INF/microprofile-config.properties")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Properties load(Path file) throws IOException {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file)));
            return p;
        }

        static String commonDefault(String variable) {
            try {
                Properties common = load(ROOT.resolve("service-common/src/main/resources/META-INF/microprofile-config.properties"));
                return production(common).values().stream().map(VARIABLE::matcher).flatMap(Matcher::results)
                        .filter(m -> m.group(1).equals(variable)).map(m -> m.group(2)).findFirst().orElseThrow();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static Map<String, String> production(Properties p) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String key : p.stringPropertyNames()) {
                if (!key.startsWith("%") || key.startsWith("%prod.")) {
                    out.put(key, p.getProperty(key));
                }
            }
            return out;
        }

        /** Each ${NAME[:default]} of the production lines, with its default (null: none). */
        Map<String, String> variables() {
            Map<String, String> out = new HashMap<>();
            for (Properties p : List.of(properties, common)) {
                for (String value : production(p).values()) {
                    Matcher m = VARIABLE.matcher(value);
                    while (m.find()) {
                        out.put(m.group(1), m.group(2));
                    }
                }
            }
            return out;
        }

        Set<String> reads() {
            return variables().keySet();
        }

        /**
         * Variables a pod must set: without a default (the service refuses to start), with a localhost one, or
         * one the production start checks itself. An empty default is otherwise "not set" (Kafka's SASL/TLS).
         */
        Set<String> needed() {
            Set<String> out = new TreeSet<>();
            variables().forEach((name, dflt) -> {
                if (dflt == null || dflt.contains("localhost") || REFUSES_TO_START_WITHOUT.contains(name)) {
                    out.add(name);
                }
            });
            return out;
        }

        String resolve(String value) {
            return value == null ? null : VARIABLE.matcher(value).replaceAll(m -> Matcher.quoteReplacement(
                    m.group(2) == null ? "" : m.group(2)));
        }

        /** A property as the packaged application (profile prod) sees it: its %prod line, else the plain one. */
        String packaged(String key) {
            String value = properties.getProperty("%prod." + key, properties.getProperty(key));
            assertThat(value).as(name + " sets " + key).isNotNull();
            return value;
        }

        int httpPort() {
            return Integer.parseInt(resolve(packaged("quarkus.http.port")));
        }

        String httpPortVariable() {
            return variableOf("quarkus.http.port");
        }

        /** Whether the packaged application serves health and metrics on a management interface of their own. */
        boolean managementEnabled() {
            return Boolean.parseBoolean(resolve(packaged("quarkus.management.enabled")).trim());
        }

        int managementPort() {
            return Integer.parseInt(resolve(packaged("quarkus.management.port")));
        }

        String managementPortVariable() {
            return variableOf("quarkus.management.port");
        }

        String variableOf(String key) {
            Matcher m = VARIABLE.matcher(packaged(key));
            assertThat(m.find()).as(name + " " + key + " reads a variable").isTrue();
            return m.group(1);
        }

        List<Channel> incoming() {
            Map<String, String> p = production(properties);
            Set<String> channels = new LinkedHashSet<>();
            // a channel names its topic and group; the rest is at connector level in service-common
            Pattern key = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.(topic|topics|group\\.id)");
            p.keySet().forEach(k -> key.matcher(k).results().forEach(m -> channels.add(m.group(1))));
            String connectorReset = production(common).get("mp.messaging.connector.smallrye-kafka.auto.offset.reset");
            List<Channel> out = new ArrayList<>();
            for (String ch : channels) {
                String prefix = "mp.messaging.incoming." + ch + ".";
                String topics = topicNames(p.getOrDefault(prefix + "topics", p.getOrDefault(prefix + "topic", ch)));
                out.add(new Channel(ch, resolve(p.get(prefix + "group.id")),
                        List.of(resolve(topics).split("\\s*,\\s*")),
                        resolve(p.getOrDefault(prefix + "auto.offset.reset", connectorReset))));
            }
            return out;
        }

        /** ${bright.topic.<short name>} as the services' TopicNames resolves it, from Topics. */
        static String topicNames(String value) {
            return Pattern.compile("\\$\\{bright\\.topic\\.([a-z.-]+)}").matcher(value).replaceAll(m -> {
                String name = Topics.byShortName().get(m.group(1));
                assertThat(name).as("bright.topic." + m.group(1) + " is a topic of Topics").isNotNull();
                return Matcher.quoteReplacement(name);
            });
        }
    }

    /** The secret keys README.md and secrets.example.env both name (commented-out optional ones too). */
    static Set<String> documentedSecretKeys() throws IOException {
        String readme = Files.readString(K8S.resolve("README.md"));
        Set<String> keys = new TreeSet<>();
        for (String line : Files.readAllLines(K8S.resolve("secrets.example.env"))) {
            Matcher m = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=").matcher(line);
            if (m.find() && readme.contains(m.group(1))) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    // ---------------------------------------------------------------------------------------- the renderer

    /**
     * A kustomize build of the parts the manifests use: {@code resources} (files and directories with a
     * kustomization of their own), {@code secretGenerator} with literals and env files (only without name
     * hashes), {@code generatorOptions}, and {@code patches} - strategic merges of maps (a list in one is
     * refused: kustomize merges lists by per-field rules this does not implement) and JSON 6902 add, replace
     * and remove. Any other field fails the build.
     */
    static final class Kustomize {

        static final Set<String> FIELDS = Set.of("apiVersion", "kind", "resources", "patches", "secretGenerator",
                "generatorOptions");

        static List<Map<String, Object>> build(Path dir) {
            Path file = dir.resolve("kustomization.yaml");
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException("no kustomization.yaml in " + dir);
            }
            Map<String, Object> k = map(new Yaml().load(read(file)));
            for (String field : k.keySet()) {
                if (!FIELDS.contains(field)) {
                    throw new IllegalStateException(file + ": " + field + " is not implemented by this renderer");
                }
            }
            if (k.get("kind") != null && !"Kustomization".equals(k.get("kind"))) {
                throw new IllegalStateException(file + ": kind " + k.get("kind") + " is not implemented");
            }
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object r : list(k.get("resources"))) {
                String resource = (String) r;
                if (resource.contains("://") || resource.startsWith("github.com")) {
                    throw new IllegalStateException(file + ": remote resource " + resource);
                }
                Path p = dir.resolve(resource).normalize();
                if (Files.isDirectory(p)) {
                    objects.addAll(build(p));
                } else if (Files.isRegularFile(p)) {
                    for (Object doc : new Yaml().loadAll(read(p))) {
                        if (doc != null) {
                            Map<String, Object> o = map(doc);
                            if (o.get("apiVersion") == null || o.get("kind") == null || name(o) == null) {
                                throw new IllegalStateException(p + ": an object without apiVersion, kind or name");
                            }
                            objects.add(o);
                        }
                    }
                } else {
                    throw new IllegalStateException(file + ": resource " + resource + " does not exist");
                }
            }
            objects.addAll(secrets(dir, file, k));
            Set<String> ids = new java.util.HashSet<>();
            for (Map<String, Object> o : objects) {
                if (!ids.add(o.get("kind") + "/" + name(o))) {
                    throw new IllegalStateException(file + ": " + o.get("kind") + " " + name(o) + " twice");
                }
            }
            for (Object p : list(k.get("patches"))) {
                patch(dir, file, objects, map(p));
            }
            return objects;
        }

        static List<Map<String, Object>> secrets(Path dir, Path file, Map<String, Object> k) {
            List<Object> generators = list(k.get("secretGenerator"));
            Map<String, Object> options = map(k.getOrDefault("generatorOptions", Map.of()));
            for (String option : options.keySet()) {
                if (!Set.of("disableNameSuffixHash", "labels", "annotations").contains(option)) {
                    throw new IllegalStateException(file + ": generatorOptions." + option + " is not implemented");
                }
            }
            if (!generators.isEmpty() && !Boolean.TRUE.equals(options.get("disableNameSuffixHash"))) {
                throw new IllegalStateException(file + ": name hashes are not implemented (set generatorOptions."
                        + "disableNameSuffixHash: true, or teach this renderer to rename the references)");
            }
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object g : generators) {
                Map<String, Object> gen = map(g);
                for (String field : gen.keySet()) {
                    if (!Set.of("name", "literals", "envs", "type").contains(field)) {
                        throw new IllegalStateException(file + ": secretGenerator." + field + " is not implemented");
                    }
                }
                Map<String, Object> data = new LinkedHashMap<>();
                List<String> pairs = new ArrayList<>();
                list(gen.get("literals")).forEach(l -> pairs.add((String) l));
                for (Object env : list(gen.get("envs"))) {
                    for (String line : read(dir.resolve((String) env)).split("\n")) {
                        if (!line.isBlank() && !line.trim().startsWith("#")) {
                            pairs.add(line);
                        }
                    }
                }
                for (String pair : pairs) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalStateException(file + ": " + pair + " is not KEY=VALUE");
                    }
                    data.put(pair.substring(0, eq).trim(), Base64.getEncoder().encodeToString(
                            pair.substring(eq + 1).getBytes(StandardCharsets.UTF_8)));
                }
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("name", gen.get("name"));
                if (options.get("labels") != null) {
                    metadata.put("labels", new LinkedHashMap<>(map(options.get("labels"))));
                }
                if (options.get("annotations") != null) {
                    metadata.put("annotations", new LinkedHashMap<>(map(options.get("annotations"))));
                }
                Map<String, Object> secret = new LinkedHashMap<>();
                secret.put("apiVersion", "v1");
                secret.put("kind", "Secret");
                secret.put("metadata", metadata);
                secret.put("type", gen.getOrDefault("type", "Opaque"));
                secret.put("data", data);
                out.add(secret);
            }
            return out;
        }

        static void patch(Path dir, Path file, List<Map<String, Object>> objects, Map<String, Object> p) {
            for (String field : p.keySet()) {
                if (!Set.of("path", "patch", "target").contains(field)) {
                    throw new IllegalStateException(file + ": patches[]." + field + " is not implemented");
                }
            }
            Map<String, Object> target = map(p.get("target"));
            if (target != null) {
                for (String field : target.keySet()) {
                    if (!Set.of("kind", "name").contains(field)) {
                        throw new IllegalStateException(file + ": patch target." + field + " is not implemented");
                    }
                }
            }
            String text = p.get("path") != null ? read(dir.resolve((String) p.get("path"))) : (String) p.get("patch");
            Object content = new Yaml().load(text);
            if (content instanceof List<?> ops) {
                if (target == null) {
                    throw new IllegalStateException(file + ": a JSON 6902 patch needs a target");
                }
                Map<String, Object> o = only(objects, (String) target.get("kind"), (String) target.get("name"), file);
                for (Object op : ops) {
                    json6902(o, map(op), file);
                }
            } else {
                Map<String, Object> smp = map(content);
                String kind = target != null && target.get("kind") != null ? (String) target.get("kind") : (String) smp.get("kind");
                String name = target != null && target.get("name") != null ? (String) target.get("name") : name(smp);
                merge(only(objects, kind, name, file), smp, file);
            }
        }

        static Map<String, Object> only(List<Map<String, Object>> objects, String kind, String name, Path file) {
            List<Map<String, Object>> found = objects.stream()
                    .filter(o -> o.get("kind").equals(kind) && name(o).equals(name)).toList();
            if (found.size() != 1) {
                throw new IllegalStateException(file + ": a patch's target " + kind + " " + name + " matches " + found.size());
            }
            return found.get(0);
        }

        @SuppressWarnings("unchecked")
        static void merge(Map<String, Object> into, Map<String, Object> patch, Path file) {
            for (Map.Entry<String, Object> e : patch.entrySet()) {
                Object value = e.getValue();
                if (e.getKey().startsWith("$")) {
                    throw new IllegalStateException(file + ": directive " + e.getKey() + " is not implemented");
                } else if (value == null) {
                    into.remove(e.getKey());
                } else if (value instanceof List) {
                    throw new IllegalStateException(file + ": a list in a strategic-merge patch (" + e.getKey()
                            + ") is not implemented");
                } else if (value instanceof Map && into.get(e.getKey()) instanceof Map) {
                    merge((Map<String, Object>) into.get(e.getKey()), (Map<String, Object>) value, file);
                } else {
                    into.put(e.getKey(), value);
                }
            }
        }

        @SuppressWarnings("unchecked")
        static void json6902(Map<String, Object> o, Map<String, Object> op, Path file) {
            String kind = (String) op.get("op");
            String[] path = ((String) op.get("path")).substring(1).split("/");
            Object parent = o;
            for (int i = 0; i < path.length - 1; i++) {
                parent = step(parent, path[i].replace("~1", "/").replace("~0", "~"), file);
            }
            String last = path[path.length - 1].replace("~1", "/").replace("~0", "~");
            if (!(parent instanceof Map)) {
                throw new IllegalStateException(file + ": JSON patch into a list is not implemented: " + op.get("path"));
            }
            Map<String, Object> m = (Map<String, Object>) parent;
            switch (kind) {
                case "remove", "replace" -> {
                    if (!m.containsKey(last)) {
                        throw new IllegalStateException(file + ": " + kind + " of a missing " + op.get("path"));
                    }
                    if (kind.equals("remove")) {
                        m.remove(last);
                    } else {
                        m.put(last, op.get("value"));
                    }
                }
                case "add" -> m.put(last, op.get("value"));
                default -> throw new IllegalStateException(file + ": JSON patch op " + kind + " is not implemented");
            }
        }

        static Object step(Object node, String segment, Path file) {
            if (node instanceof Map<?, ?> m && m.containsKey(segment)) {
                return m.get(segment);
            }
            if (node instanceof List<?> l && segment.matches("\\d+") && Integer.parseInt(segment) < l.size()) {
                return l.get(Integer.parseInt(segment));
            }
            throw new IllegalStateException(file + ": JSON patch path through a missing " + segment);
        }

        static String read(Path p) {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    // ------------------------------------------------------------------------------------------- helpers

    static final Map<String, List<Map<String, Object>>> RENDERS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A layout rendered once for all tests, which only read it. */
    static List<Map<String, Object>> render(String layout) {
        return RENDERS.computeIfAbsent(layout, l -> List.copyOf(Kustomize.build(K8S.resolve(l))));
    }

    static boolean isApplication(Map<String, Object> d) {
        return PRODUCT.containsKey(name(d)) || SANDBOX.equals(name(d));
    }

    static List<Map<String, Object>> applications(List<Map<String, Object>> objects) {
        List<Map<String, Object>> apps = ofKind(objects, "Deployment").stream().filter(KubernetesManifestsTest::isApplication).toList();
        assertThat(apps).isNotEmpty();
        return apps;
    }

    static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    static List<String> names(List<Map<String, Object>> objects, String kind) {
        return ofKind(objects, kind).stream().map(KubernetesManifestsTest::name).toList();
    }

    static Map<String, Object> one(List<Map<String, Object>> objects, String kind, String name) {
        List<Map<String, Object>> found = ofKind(objects, kind).stream().filter(o -> name.equals(name(o))).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    static Map<String, Object> deployment(List<Map<String, Object>> objects, String name) {
        return one(objects, "Deployment", name);
    }

    static String name(Map<String, Object> o) {
        return (String) at(o, "metadata", "name");
    }

    static Map<String, Object> labels(Map<String, Object> o) {
        Map<String, Object> labels = map(at(o, "metadata", "labels"));
        return labels == null ? Map.of() : labels;
    }

    static List<Map<String, Object>> containers(Map<String, Object> d) {
        return list(at(d, "spec", "template", "spec", "containers")).stream().map(KubernetesManifestsTest::map).toList();
    }

    /** An application's container: the one named after it. */
    static Map<String, Object> container(Map<String, Object> d) {
        List<Map<String, Object>> cs = containers(d);
        assertThat(cs).as(name(d) + " containers").hasSize(1);
        assertThat(cs.get(0).get("name")).as(name(d) + " container name").isEqualTo(name(d));
        return cs.get(0);
    }

    /** A container's variables by name (each set once). */
    static Map<String, Map<String, Object>> env(Map<String, Object> c) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Object e : list(c.get("env"))) {
            Map<String, Object> entry = map(e);
            assertThat(out.put((String) entry.get("name"), entry)).as(c.get("name") + " sets " + entry.get("name") + " twice")
                    .isNull();
        }
        return out;
    }

    static Map<String, Integer> containerPorts(Map<String, Object> c) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Object p : list(c.get("ports"))) {
            Map<String, Object> port = map(p);
            out.put(String.valueOf(port.getOrDefault("name", port.get("containerPort"))), (Integer) port.get("containerPort"));
        }
        return out;
    }

    /** A probe's or Service's port, by number or by name, as one of the container's ports; null if none. */
    static Integer resolvePort(Map<String, Object> c, Object port) {
        Map<String, Integer> ports = containerPorts(c);
        if (port instanceof Integer n) {
            return ports.containsValue(n) ? n : null;
        }
        return ports.get(String.valueOf(port));
    }

    static List<String> matching(List<Map<String, Object>> deployments, Map<String, Object> selector) {
        assertThat(selector).as("a selector").isNotNull().isNotEmpty();
        return deployments.stream()
                .filter(d -> map(at(d, "spec", "template", "metadata", "labels")).entrySet().containsAll(selector.entrySet()))
                .map(KubernetesManifestsTest::name).toList();
    }

    /** host:port of the Service that selects the named Deployment's pods. */
    static String serviceAddress(List<Map<String, Object>> objects, String deploymentName) {
        Map<String, Object> podLabels = map(at(deployment(objects, deploymentName), "spec", "template", "metadata", "labels"));
        List<Map<String, Object>> services = ofKind(objects, "Service").stream()
                .filter(s -> podLabels.entrySet().containsAll(map(at(s, "spec", "selector")).entrySet())).toList();
        assertThat(services).as("Services of " + deploymentName).hasSize(1);
        Object port = map(list(at(services.get(0), "spec", "ports")).get(0)).get("port");
        return name(services.get(0)) + ":" + port;
    }

    static String decode(Object base64) {
        return new String(Base64.getDecoder().decode((String) base64), StandardCharsets.UTF_8);
    }

    /** A Kubernetes quantity (250m, 1, 512Mi, 1Gi) as a number. */
    static BigDecimal quantity(Object q) {
        String s = String.valueOf(q);
        Matcher m = Pattern.compile("^([0-9.]+)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$").matcher(s);
        assertThat(m.matches()).as("quantity " + s).isTrue();
        BigDecimal n = new BigDecimal(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return switch (unit) {
            case "" -> n;
            case "m" -> n.movePointLeft(3);
            case "k" -> n.movePointRight(3);
            case "M" -> n.movePointRight(6);
            case "G" -> n.movePointRight(9);
            case "T" -> n.movePointRight(12);
            case "Ki" -> n.multiply(BigDecimal.valueOf(1L << 10));
            case "Mi" -> n.multiply(BigDecimal.valueOf(1L << 20));
            case "Gi" -> n.multiply(BigDecimal.valueOf(1L << 30));
            default -> n.multiply(BigDecimal.valueOf(1L << 40));
        };
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    /** The value at a path of map keys; null where any step is missing. */
    static Object at(Object o, String... path) {
        Object node = o;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> m)) {
                return null;
            }
            node = m.get(key);
        }
        return node;
    }
}
