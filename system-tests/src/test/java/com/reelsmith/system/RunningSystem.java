package com.reelsmith.system;

import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The three jars as processes against a database and queue prefix of their own: what the
 * end-to-end and fault tests start once per class, restart piece by piece, and stop.
 */
final class RunningSystem implements AutoCloseable {

    // generous by default: on a 2-core machine shared by several builds a Boot jar has taken over 2 minutes to start
    static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("reelsmith.system.start-timeout-s", 300));

    /** A client with a key and a campaign, as a new user would set them up. */
    record Tenant(String clientId, String key, String campaignId) {
    }

    final TestDatabase db;
    final TestBroker broker;
    final Path workDir;
    final String adminKey;
    private final Map<String, String> env;
    ServiceProcess gateway;
    ServiceProcess imageWorker;
    ServiceProcess videoWorker;
    Api api;

    private RunningSystem(String adminKey, Map<String, String> extraEnv) throws Exception {
        this.adminKey = adminKey;
        db = TestDatabase.createEmpty();
        broker = TestBroker.withFreshPrefix();
        workDir = Files.createTempDirectory("reelsmith-system");
        env = new HashMap<>(Map.of(
                "DATABASE_URL", db.url(), "DATABASE_USER", db.user(), "DATABASE_PASSWORD", db.password(),
                "AMQP_URL", broker.amqpUrl(), "AMQP_PREFIX", broker.prefix(),
                // off on the embedded broker, which refuses the quorum-queue arguments
                "AMQP_RABBITMQ_FEATURES", String.valueOf(broker.rabbitmqFeatures()),
                "MEDIA_DIR", workDir.resolve("media").toString(), "ADMIN_API_KEY", adminKey));
        env.putAll(extraEnv);
    }

    /** Gateway and both workers with {@code env} on top of the database, broker and media settings. */
    static RunningSystem start(String adminKey, Map<String, String> env) throws Exception {
        return start(adminKey, env, Map.of(), Map.of(), false);
    }

    /**
     * {@code imageEnv}/{@code videoEnv}: what only that worker gets on top (a provider latency, say).
     * {@code publicGateway}: the workers learn the gateway's URL as PUBLIC_BASE_URL (webhooks).
     */
    static RunningSystem start(String adminKey, Map<String, String> env, Map<String, String> imageEnv,
                               Map<String, String> videoEnv, boolean publicGateway) throws Exception {
        var system = new RunningSystem(adminKey, env);
        try {
            system.gateway = ServiceProcess.start("api-gateway", system.env, "SERVER_PORT", system.workDir);
            if (publicGateway) {
                system.env.put("PUBLIC_BASE_URL", system.gateway.baseUrl());
            }
            system.imageWorker = ServiceProcess.start("image-worker", system.envWith(imageEnv), "WORKER_PORT", system.workDir);
            system.videoWorker = ServiceProcess.start("video-worker", system.envWith(videoEnv), "WORKER_PORT", system.workDir);
            system.gateway.awaitHealthy(START_TIMEOUT);
            system.imageWorker.awaitHealthy(START_TIMEOUT);
            system.videoWorker.awaitHealthy(START_TIMEOUT);
            system.api = new Api(system.gateway.baseUrl());
            return system;
        } catch (Exception | Error e) {
            system.close();
            throw e;
        }
    }

    Map<String, String> envWith(Map<String, String> extra) {
        var merged = new HashMap<>(env);
        merged.putAll(extra);
        return merged;
    }

    /** Starts another image worker with {@code extra} on top of the system's environment, healthy. */
    ServiceProcess startImageWorker(Map<String, String> extra) throws Exception {
        return healthyOrStopped(ServiceProcess.start("image-worker", envWith(extra), "WORKER_PORT", workDir));
    }

    ServiceProcess startVideoWorker(Map<String, String> extra) throws Exception {
        return healthyOrStopped(ServiceProcess.start("video-worker", envWith(extra), "WORKER_PORT", workDir));
    }

    /** A worker that never got healthy is stopped, not left consuming the test's queues after the test. */
    private static ServiceProcess healthyOrStopped(ServiceProcess process) throws Exception {
        try {
            return process.awaitHealthy(START_TIMEOUT);
        } catch (Exception | Error e) {
            try {
                process.close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    Tenant signUp(String name) throws Exception {
        String clientId = api.post("/api/v2/clients", adminKey, "{\"name\": \"" + name + "\"}").json().get("id").asString();
        String key = api.post("/api/v2/clients/" + clientId + "/api-keys", adminKey, "{}").json().get("api_key").asString();
        String campaignId = api.post("/api/v2/campaigns", key, "{\"name\": \"Launch\"}").json().get("id").asString();
        return new Tenant(clientId, key, campaignId);
    }

    /** The last lines of every process, for a failure message. */
    String tails() throws Exception {
        var out = new StringBuilder();
        for (ServiceProcess p : new ServiceProcess[] {gateway, imageWorker, videoWorker}) {
            if (p != null) {
                out.append("\n--- ").append(p.name()).append(":\n").append(p.tail());
            }
        }
        return out.toString();
    }

    @Override
    public void close() throws Exception {
        for (ServiceProcess p : new ServiceProcess[] {videoWorker, imageWorker, gateway}) {
            if (p != null) {
                p.close();
            }
        }
    }
}
