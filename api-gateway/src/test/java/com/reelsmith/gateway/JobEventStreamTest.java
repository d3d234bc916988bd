package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.JobFinished;
import com.reelsmith.model.JobKind;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.testing.Eventually;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** GET /jobs/{id}/events read by a real HTTP client, line by line, until the server ends the stream. */
class JobEventStreamTest extends GatewayIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void streams(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.job-events.refresh", () -> "300ms");
        registry.add("reelsmith.job-events.heartbeat", () -> "1s");
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;

    /** One event as read off the wire. */
    record Event(String name, JsonNode data) {
    }

    /** The stream's events as they arrive, and the comment lines (heartbeats). */
    static final class Reader {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<String> comments = new CopyOnWriteArrayList<>();
        volatile String contentType;
        CompletableFuture<Integer> response;

        List<String> names() {
            return events.stream().map(Event::name).toList();
        }
    }

    @Test
    void aJobsLifeIsStreamedFromItsCurrentStateToDone() throws Exception {
        var tenant = newTenant("stream");
        UUID job = job(tenant, null);
        Reader reader = read(tenant.key(), "/api/v2/jobs/" + job + "/events");

        Eventually.await("the current state first", WAIT, () -> !reader.events.isEmpty());
        assertThat(reader.events.get(0).name()).isEqualTo("status");
        assertThat(reader.events.get(0).data().path("status").asString()).isEqualTo("queued");
        assertThat(reader.events.get(0).data().path("job_id").asString()).isEqualTo(job.toString());

        GatewayEnvironment.update(DB, "update jobs set status = 'running', started_at = now() where id = ?", job);
        Eventually.await("running", WAIT, () -> hasStatus(reader, job, "running"));
        GatewayEnvironment.update(DB, "update jobs set progress = 40, current_stage = 'rendering' where id = ?", job);
        Eventually.await("progress and stage", WAIT,
                () -> reader.names().contains("progress") && reader.names().contains("stage"));
        assertThat(reader.events.stream().filter(e -> e.name().equals("progress")).findFirst().orElseThrow().data()
                .path("progress").asInt()).isEqualTo(40);
        Eventually.await("a heartbeat comment", WAIT, () -> !reader.comments.isEmpty());

        long committed = System.nanoTime();
        finish(job);
        Eventually.await("done", WAIT, () -> reader.names().contains("done"));
        // a figure for docs/PERFORMANCE.md, not an assertion: commit of the event -> done on the wire
        System.out.printf("job stream: done arrived %d ms after the commit%n", (System.nanoTime() - committed) / 1_000_000);
        reader.response.get(30, TimeUnit.SECONDS); // the server ends the stream after done
        assertThat(reader.response.get()).isEqualTo(200);
        assertThat(reader.contentType).startsWith("text/event-stream");
        Event last = reader.events.get(reader.events.size() - 1);
        assertThat(last.name()).isEqualTo("done");
        assertThat(last.data().path("status").asString()).isEqualTo("succeeded");
        assertThat(hasStatus(reader, job, "succeeded")).isTrue();
    }

    @Test
    void aFinishedJobGetsItsStateAndDoneAtOnce() throws Exception {
        var tenant = newTenant("finished");
        UUID job = job(tenant, null);
        GatewayEnvironment.update(DB, "update jobs set status = 'failed', error_code = 'provider_error', "
                + "error_message = 'no', finished_at = now() where id = ?", job);
        Reader reader = read(tenant.key(), "/api/v2/jobs/" + job + "/events");
        reader.response.get(30, TimeUnit.SECONDS);
        assertThat(reader.names()).containsExactly("status", "done");
        assertThat(reader.events.get(1).data().path("error").path("code").asString()).isEqualTo("provider_error");
    }

    @Test
    void childrenAreStreamedWithTheirParentWhenAskedFor() throws Exception {
        var tenant = newTenant("children");
        UUID parent = job(tenant, null);
        UUID child = job(tenant, parent);
        Reader reader = read(tenant.key(), "/api/v2/jobs/" + parent + "/events?include_children=true");
        Eventually.await("both states", WAIT, () -> hasStatus(reader, child, "queued") && hasStatus(reader, parent, "queued"));
        GatewayEnvironment.update(DB, "update jobs set status = 'succeeded', finished_at = now() where id = ?", child);
        transaction.executeWithoutResult(tx -> outbox.publishEvent(
                JobFinished.succeeded(JobKind.IMAGE, child, child, parent, null)));
        Eventually.await("the child's end", WAIT, () -> hasStatus(reader, child, "succeeded"));
        finish(parent);
        reader.response.get(30, TimeUnit.SECONDS);
        assertThat(reader.names().get(reader.names().size() - 1)).isEqualTo("done");
    }

    @Test
    void anotherClientsJobIsNotFoundAndAKeyIsNeeded() {
        var owner = newTenant("owner");
        var other = newTenant("other");
        UUID job = job(owner, null);
        assertThat(as(other).get("/api/v2/jobs/" + job + "/events").status()).isEqualTo(404);
        assertThat(anonymous.get("/api/v2/jobs/" + job + "/events").status()).isEqualTo(401);
    }

    private static boolean hasStatus(Reader reader, UUID job, String status) {
        return reader.events.stream().anyMatch(e -> e.name().equals("status")
                && e.data().path("job_id").asString().equals(job.toString())
                && e.data().path("status").asString().equals(status));
    }

    private Reader read(String key, String path) {
        Reader reader = new Reader();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").GET().build();
        List<String> pending = new ArrayList<>();
        reader.response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines())
                .thenApply(response -> {
                    reader.contentType = response.headers().firstValue("Content-Type").orElse("");
                    response.body().forEach(line -> {
                        if (line.startsWith(":")) {
                            reader.comments.add(line);
                        } else if (line.isEmpty()) {
                            String name = null;
                            StringBuilder data = new StringBuilder();
                            for (String field : pending) {
                                if (field.startsWith("event:")) {
                                    name = field.substring(6).trim();
                                } else if (field.startsWith("data:")) {
                                    data.append(field.substring(5).trim());
                                }
                            }
                            if (name != null) {
                                reader.events.add(new Event(name, GatewayClient.JSON.readTree(data.toString())));
                            }
                            pending.clear();
                        } else {
                            pending.add(line);
                        }
                    });
                    return response.statusCode();
                });
        return reader;
    }

    private void finish(UUID job) {
        transaction.executeWithoutResult(tx -> {
            GatewayEnvironment.update(DB, "update jobs set status = 'succeeded', progress = 100, finished_at = now() "
                    + "where id = ?", job);
            outbox.publishEvent(JobFinished.succeeded(JobKind.IMAGE, job, job, null, null));
        });
    }

    private UUID job(Tenant tenant, UUID parent) {
        UUID campaign = newCampaign(tenant, "streams");
        UUID job = UUID.randomUUID();
        GatewayEnvironment.update(DB, """
                insert into jobs (id, client_id, campaign_id, kind, status, input, correlation_id, parent_job_id)
                values (?, ?, ?, 'image', 'queued', '{"prompt": "a lamp"}'::jsonb, ?, ?)
                """, job, tenant.clientId(), campaign, job, parent);
        return job;
    }
}
