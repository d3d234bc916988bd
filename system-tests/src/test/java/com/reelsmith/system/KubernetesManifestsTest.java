package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.Routing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/k8s, checked without a cluster (none runs here, and the Kubernetes JSON schemas cannot be
 * downloaded for kubeconform): every document parses and is a kind we know with the fields that
 * kind requires, and everything in it points at something real — probes at the health groups and
 * ports the services expose (read from their application files), every environment name at a
 * variable the services read, Services and ScaledObjects at Deployments, KEDA triggers at the
 * queues {@link Routing} names, every reference at an object defined alongside.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestsTest {

    static final Set<String> KINDS = Set.of("v1/ConfigMap", "v1/Secret", "v1/Service", "apps/v1/Deployment",
            "batch/v1/Job", "keda.sh/v1alpha1/ScaledObject", "keda.sh/v1alpha1/TriggerAuthentication");
    static final Pattern DNS_1123 = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    static final Routing ROUTING = new Routing("reelsmith");
    /** The queues each worker consumes, by Deployment name. */
    static final Map<String, Set<String>> QUEUES = Map.of(
            "image-worker", Set.of(ROUTING.imageWorkerCommands()),
            "video-worker", Set.of(ROUTING.videoWorkerCommands(), ROUTING.videoWorkerImageEvents()),
            "studio-worker", Set.of(ROUTING.studioWorkerCommands()));
    /** Secret keys read by something other than the services (KEDA). */
    static final Set<String> NOT_FOR_SERVICES = Set.of("KEDA_RABBITMQ_HOST");

    Path repo;
    List<Map<String, Object>> documents = new ArrayList<>();
    Set<String> variablesTheServicesRead = new HashSet<>();

    @BeforeAll
    void read() throws IOException {
        repo = Path.of(System.getProperty("reelsmith.repo", "..")).toAbsolutePath();
        var yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        try (Stream<Path> files = Files.list(repo.resolve("deploy/k8s"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                for (Object document : yaml.loadAll(Files.readString(file))) {
                    if (document != null) {
                        documents.add(map(document));
                    }
                }
            }
        }
        for (String module : List.of("platform", "worker-support", "api-gateway", "image-worker", "video-worker", "studio-worker")) {
            try (Stream<Path> files = Files.walk(repo.resolve(module).resolve("src/main/resources"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                    Matcher m = ENV_REFERENCE.matcher(Files.readString(file));
                    while (m.find()) {
                        variablesTheServicesRead.add(m.group(1));
                    }
                }
            }
        }
    }

    @Test
    void everyDocumentIsAKnownKindWithAProperName() {
        assertThat(documents).hasSizeGreaterThanOrEqualTo(14);
        for (var doc : documents) {
            String kind = doc.get("apiVersion") + "/" + doc.get("kind");
            assertThat(KINDS).as("apiVersion/kind of " + doc.get("metadata")).contains(kind);
            assertThat((String) map(doc.get("metadata")).get("name")).matches(DNS_1123);
        }
        assertThat(names("Deployment")).containsExactlyInAnyOrder("api-gateway", "image-worker", "video-worker", "studio-worker");
        assertThat(names("ScaledObject")).containsExactlyInAnyOrder("image-worker", "video-worker", "studio-worker");
        assertThat(names("Job")).containsExactly("reelsmith-migrations");
    }

    @Test
    void deploymentsSelectTheirOwnPodsAndProbeTheHealthGroupsOnThePortTheServiceListensOn() throws IOException {
        for (var deployment : ofKind("Deployment")) {
            String name = name(deployment);
            var spec = map(deployment.get("spec"));
            var template = map(spec.get("template"));
            var podLabels = map(map(template.get("metadata")).get("labels"));
            assertThat(podLabels).as(name + ": selector matches the pod labels")
                    .containsAllEntriesOf(map(map(spec.get("selector")).get("matchLabels")));
            var container = map(list(map(template.get("spec")).get("containers")).get(0));
            assertThat((String) container.get("image")).startsWith("reelsmith/" + name + ":");
            Map<String, Integer> ports = new java.util.HashMap<>();
            for (Object p : list(container.get("ports"))) {
                ports.put((String) map(p).get("name"), (Integer) map(p).get("containerPort"));
            }
            // the port the service's actuator listens on: the gateway's MANAGEMENT_PORT, a worker's WORKER_PORT
            String portVariable = name.equals("api-gateway") ? "MANAGEMENT_PORT" : "WORKER_PORT";
            int healthPort = Integer.parseInt(env(container).get(portVariable));
            assertThat(applicationFile(name)).as(name + " reads " + portVariable + " for its actuator port")
                    .contains("port: ${" + portVariable + ":");
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                var get = map(map(container.get(probe)).get("httpGet"));
                String path = (String) get.get("path");
                assertThat(path).as(name + " " + probe).isIn("/actuator/health/liveness", "/actuator/health/readiness");
                Object port = get.get("port");
                int number = port instanceof Integer n ? n : ports.get((String) port);
                assertThat(number).as(name + " " + probe + " port").isEqualTo(healthPort);
            }
            assertThat(path(container, "readinessProbe")).isEqualTo("/actuator/health/readiness");
            assertThat(path(container, "livenessProbe")).isEqualTo("/actuator/health/liveness");
            // the groups exist: probes enabled, readiness naming the database and broker
            String health = name.equals("api-gateway") ? applicationFile(name)
                    : Files.readString(repo.resolve("worker-support/src/main/resources/reelsmith-worker.yml"));
            assertThat(health).as(name + ": health probes enabled").containsPattern("probes:\\s*\\n(\\s*#.*\\n)*\\s*enabled: true");
            assertThat(health).contains("include: readinessState,db,rabbit");
        }
    }

    @Test
    void everyEnvironmentNameIsOneTheServicesRead() {
        Set<String> named = new HashSet<>();
        for (var configMap : ofKind("ConfigMap")) {
            named.addAll(map(configMap.get("data")).keySet());
        }
        for (var secret : ofKind("Secret")) {
            named.addAll(map(secret.get("stringData")).keySet());
        }
        for (var deployment : ofKind("Deployment")) {
            named.addAll(env(container(deployment)).keySet());
        }
        named.removeAll(NOT_FOR_SERVICES);
        assertThat(variablesTheServicesRead).as("variables in the application files").contains("DATABASE_URL", "S3_BUCKET");
        assertThat(named).allSatisfy(variable -> assertThat(variablesTheServicesRead).as("read by a service").contains(variable));
    }

    @Test
    void referencesPointAtObjectsDefinedAlongside() {
        Set<String> configMaps = Set.copyOf(names("ConfigMap"));
        Set<String> secrets = Set.copyOf(names("Secret"));
        List<Map<String, Object>> pods = new ArrayList<>();
        ofKind("Deployment").forEach(d -> pods.add(map(map(map(d.get("spec")).get("template")).get("spec"))));
        ofKind("Job").forEach(j -> pods.add(map(map(map(j.get("spec")).get("template")).get("spec"))));
        for (var pod : pods) {
            for (Object from : list(map(list(pod.get("containers")).get(0)).get("envFrom"))) {
                var source = map(from);
                if (source.containsKey("configMapRef")) {
                    assertThat(configMaps).contains((String) map(source.get("configMapRef")).get("name"));
                } else {
                    assertThat(secrets).contains((String) map(source.get("secretRef")).get("name"));
                }
            }
        }
        for (var job : ofKind("Job")) {
            assertThat(map(map(map(job.get("spec")).get("template")).get("spec")).get("restartPolicy")).isIn("OnFailure", "Never");
        }
        for (var service : ofKind("Service")) {
            var selector = map(map(service.get("spec")).get("selector"));
            var deployment = ofKind("Deployment").stream()
                    .filter(d -> map(map(map(map(d.get("spec")).get("template")).get("metadata")).get("labels")).entrySet()
                            .containsAll(selector.entrySet()))
                    .findFirst();
            assertThat(deployment).as("the pods of Service " + name(service)).isPresent();
            Set<Object> portNames = new HashSet<>();
            list(container(deployment.get()).get("ports")).forEach(p -> portNames.add(map(p).get("name")));
            for (Object port : list(map(service.get("spec")).get("ports"))) {
                assertThat(portNames).as("targetPort of Service " + name(service)).contains(map(port).get("targetPort"));
            }
        }
    }

    @Test
    void kedaScalesEachWorkerOnTheQueuesItConsumes() {
        Set<String> auths = Set.copyOf(names("TriggerAuthentication"));
        Map<String, Object> secret = map(ofKind("Secret").get(0).get("stringData"));
        for (var auth : ofKind("TriggerAuthentication")) {
            for (Object ref : list(map(auth.get("spec")).get("secretTargetRef"))) {
                assertThat(secret).containsKey((String) map(ref).get("key"));
                assertThat(names("Secret")).contains((String) map(ref).get("name"));
            }
        }
        for (var scaled : ofKind("ScaledObject")) {
            var spec = map(scaled.get("spec"));
            String target = (String) map(spec.get("scaleTargetRef")).get("name");
            assertThat(names("Deployment")).contains(target);
            assertThat((Integer) spec.get("minReplicaCount")).isLessThanOrEqualTo((Integer) spec.get("maxReplicaCount"));
            Set<String> queues = new HashSet<>();
            for (Object t : list(spec.get("triggers"))) {
                var trigger = map(t);
                assertThat(trigger.get("type")).isEqualTo("rabbitmq");
                var metadata = map(trigger.get("metadata"));
                assertThat(metadata.get("mode")).isEqualTo("QueueLength");
                assertThat(Integer.parseInt((String) metadata.get("value"))).isPositive();
                assertThat(auths).contains((String) map(trigger.get("authenticationRef")).get("name"));
                queues.add((String) metadata.get("queueName"));
            }
            assertThat(queues).as("queues of " + target).isEqualTo(QUEUES.get(target));
        }
    }

    private String applicationFile(String service) throws IOException {
        return Files.readString(repo.resolve(service).resolve("src/main/resources").resolve(service + ".yml"));
    }

    private static String path(Map<String, Object> container, String probe) {
        return (String) map(map(container.get(probe)).get("httpGet")).get("path");
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        return map(list(map(map(map(deployment.get("spec")).get("template")).get("spec")).get("containers")).get(0));
    }

    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new java.util.HashMap<>();
        for (Object e : list(container.get("env"))) {
            env.put((String) map(e).get("name"), String.valueOf(map(e).get("value")));
        }
        return env;
    }

    private List<Map<String, Object>> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    private List<String> names(String kind) {
        return ofKind(kind).stream().map(KubernetesManifestsTest::name).toList();
    }

    private static String name(Map<String, Object> doc) {
        return (String) map(doc.get("metadata")).get("name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).as("a mapping").isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }

    private static List<?> list(Object o) {
        assertThat(o).as("a list").isInstanceOf(List.class);
        return (List<?>) o;
    }
}
