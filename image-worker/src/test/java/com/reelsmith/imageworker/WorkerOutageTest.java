package com.reelsmith.imageworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.reelsmith.model.GenerateImageCommand;
import com.reelsmith.model.Routing;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.testing.Fixtures;
import com.reelsmith.testing.TcpProxy;
import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import com.reelsmith.testing.TestEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The image worker losing RabbitMQ, then PostgreSQL, and getting each back: its health
 * (WORKER_PORT, /actuator/health) says DOWN naming the one that is gone, then UP again with no
 * restart, and a job submitted during the outage is done afterwards. Each outage is made by
 * cutting a proxy in front of the shared server, which keeps running for everyone else.
 */
@SpringBootTest(classes = ImageWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its own context, closed after the class: its connections go through proxies no other test has
class WorkerOutageTest {

    static final TestDatabase db = TestDatabase.createMigrated();
    static final TestBroker broker = TestBroker.withFreshPrefix();
    static final Fixtures fixtures = new Fixtures(db);
    static final TcpProxy database = proxyTo(URI.create(db.url().substring("jdbc:".length())));
    static final TcpProxy amqp = proxyTo(broker.uri());
    static final HttpClient http = HttpClient.newHttpClient();
    static final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void throughProxies(DynamicPropertyRegistry registry) throws Exception {
        TestEnvironment.wire(registry, db, broker);
        URI server = URI.create(db.url().substring("jdbc:".length()));
        registry.add("spring.datasource.url", () -> db.url().replace(
                "//" + server.getHost() + ":" + server.getPort() + "/", "//127.0.0.1:" + database.port() + "/"));
        registry.add("spring.rabbitmq.addresses", () -> broker.amqpUrlThrough(amqp.port()));
        registry.add("reelsmith.media.dir", Files.createTempDirectory("worker-outage-media")::toString);
        // the worker's pool waits 30 s (Hikari's default) for a connection before it gives up, and a
        // command's every attempt waits that long during the outage; shortened to keep the test short
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("reelsmith.worker.sweep-interval", () -> "300ms");
        registry.add("reelsmith.worker.requeue-queued-after", () -> "2s");
    }

    @LocalServerPort
    int port;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    Routing routing;

    @AfterEach
    void restore() {
        database.restore();
        amqp.restore();
    }

    @AfterAll
    static void closeProxies() {
        database.close();
        amqp.close();
    }

    @Test
    void withoutRabbitMqTheWorkerIsDownAndAJobSubmittedMeanwhileIsDoneWhenTheBrokerIsBack() throws Exception {
        awaitHealth("UP", Duration.ofSeconds(30));
        var tenant = fixtures.tenant();

        amqp.cut();
        JsonNode down = awaitHealth("DOWN", Duration.ofSeconds(20));
        assertThat(down.at("/components/rabbit/status").asString()).as("%s", down).isEqualTo("DOWN");
        assertThat(down.at("/components/db/status").asString()).as("%s", down).isEqualTo("UP");

        // as the gateway submits it: the job and its command in the outbox, in one transaction
        UUID jobId = fixtures.queuedJob(tenant, "image", input("submitted while the broker was away"));
        UUID correlationId = (UUID) fixtures.value("select correlation_id from jobs where id = '" + jobId + "'");
        transaction.executeWithoutResult(s -> outbox.sendCommand(GenerateImageCommand.of(jobId, correlationId)));
        assertThat(fixtures.value("select count(*) from outbox where published_at is null and headers->>'job_id' = '"
                + jobId + "'")).as("the command waits in the outbox while the broker is away").isNotEqualTo(0L);

        amqp.restore();
        JsonNode up = awaitHealth("UP", Duration.ofSeconds(30));
        assertThat(up.at("/components/rabbit/status").asString()).isEqualTo("UP");
        assertThat(fixtures.awaitStatus(jobId, "succeeded", 30_000)).as("job %s after the outage", jobId).isEqualTo("succeeded");
    }

    @Test
    void withoutPostgresTheWorkerIsDownAndACommandItCouldNotTakeIsDoneWhenTheDatabaseIsBack() throws Exception {
        awaitHealth("UP", Duration.ofSeconds(30));
        var tenant = fixtures.tenant();

        database.cut();
        JsonNode down = awaitHealth("DOWN", Duration.ofSeconds(30));
        assertThat(down.at("/components/db/status").asString()).as("%s", down).isEqualTo("DOWN");
        assertThat(down.at("/components/rabbit/status").asString()).as("%s", down).isEqualTo("UP");

        // the gateway, which still reaches PostgreSQL, wrote the job and relayed its command
        UUID jobId = fixtures.queuedJob(tenant, "image", input("submitted while the database was away"));
        String deadLetters = Routing.deadLetterQueueOf(routing.imageWorkerCommands());
        try (var connection = broker.connectionFactory().newConnection(); var channel = connection.createChannel()) {
            String messageId = UUID.randomUUID().toString();
            String body = "{\"message_id\": \"" + messageId + "\", \"job_id\": \"" + jobId + "\", \"correlation_id\": \""
                    + UUID.randomUUID() + "\", \"occurred_at\": \"2026-01-01T00:00:00Z\", \"type\": \""
                    + GenerateImageCommand.TYPE + "\", \"version\": 1}";
            channel.basicPublish(routing.commandsExchange(), GenerateImageCommand.TYPE, new AMQP.BasicProperties.Builder()
                    .messageId(messageId).type(GenerateImageCommand.TYPE).contentType("application/json").deliveryMode(2)
                    .headers(Map.of("job_id", jobId.toString())).build(), body.getBytes(StandardCharsets.UTF_8));

            // the worker took it, could not claim the job, retried and gave up on the message: the
            // outage outlasted the listener's retries, the worst case
            long deadline = System.currentTimeMillis() + 60_000;
            com.rabbitmq.client.GetResponse parked = null;
            while (parked == null && System.currentTimeMillis() < deadline) {
                parked = channel.basicGet(deadLetters, true);
                if (parked == null) {
                    Thread.sleep(200);
                }
            }
            assertThat(parked).as("the command was consumed and dead-lettered during the outage").isNotNull();
            assertThat(parked.getProps().getMessageId()).isEqualTo(messageId);
        }
        assertThat(fixtures.status(jobId)).as("the job itself is safe in PostgreSQL").isEqualTo("queued");

        database.restore();
        JsonNode up = awaitHealth("UP", Duration.ofSeconds(30));
        assertThat(up.at("/components/db/status").asString()).isEqualTo("UP");
        // its command is gone, but the job is not: the sweeper sends it again
        assertThat(fixtures.awaitStatus(jobId, "succeeded", 30_000)).as("job %s after the outage", jobId).isEqualTo("succeeded");
    }

    private static String input(String prompt) {
        return "{\"prompt\": \"" + prompt + "\", \"aspect_ratio\": \"16:9\", \"output_format\": \"png\", "
                + "\"reference\": null, \"seed\": 7}";
    }

    /** Polls the health endpoint until its status is {@code wanted}; returns that answer. */
    private JsonNode awaitHealth(String wanted, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofString());
            last = json.readTree(response.body());
            if (wanted.equals(last.path("status").asString())) {
                assertThat(response.statusCode()).as("%s", last).isEqualTo("UP".equals(wanted) ? 200 : 503);
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("health never " + wanted + " within " + timeout + "; last: " + last);
    }

    private static TcpProxy proxyTo(URI server) {
        try {
            return new TcpProxy(server.getHost(), server.getPort());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
