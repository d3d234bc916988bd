package com.reelsmith.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.reelsmith.model.GenerateImageCommand;
import com.reelsmith.model.Routing;
import com.reelsmith.platform.PlatformTestApplication;
import com.reelsmith.testing.TcpProxy;
import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import com.reelsmith.testing.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(classes = PlatformTestApplication.class)
class OutboxRelayTest {

    static final TestDatabase db = TestDatabase.createMigrated();
    static final TestBroker broker = TestBroker.withFreshPrefix();
    static final TcpProxy proxy = startProxy();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestEnvironment.wire(registry, db, broker);
        // the same broker, reached through a proxy the tests can cut
        registry.add("spring.rabbitmq.addresses", () -> broker.amqpUrlThrough(proxy.port()));
        registry.add("spring.rabbitmq.connection-timeout", () -> "1s");
    }

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Routing routing;
    @Autowired
    RabbitAdmin admin;

    Connection connection;
    Channel channel;
    final List<UUID> inserted = new ArrayList<>();

    @BeforeEach
    void openTestChannel() throws Exception {
        proxy.restore();
        connection = broker.connectionFactory().newConnection();
        channel = connection.createChannel();
        admin.initialize(); // the application's own declarations, arguments and all
        channel.queuePurge(routing.imageWorkerCommands());
    }

    @AfterEach
    void closeTestChannel() throws Exception {
        connection.close();
        // rows a test made to fail would otherwise stay unpublished for the next tests
        if (!inserted.isEmpty()) {
            jdbc.sql("delete from outbox where message_id in (:ids)").param("ids", inserted).update();
            inserted.clear();
        }
    }

    @AfterAll
    static void closeProxy() {
        proxy.close();
    }

    @Test
    void aCommittedCommandReachesItsQueueWithItsHeaders() throws Exception {
        var command = GenerateImageCommand.of(UUID.randomUUID(), UUID.randomUUID());

        transaction.executeWithoutResult(s -> outbox.sendCommand(command));

        GetResponse got = awaitMessage(routing.imageWorkerCommands(), 10_000);
        assertThat(got).as("command delivered").isNotNull();
        assertThat(got.getProps().getMessageId()).isEqualTo(command.messageId().toString());
        assertThat(got.getProps().getHeaders().get("type").toString()).isEqualTo("image.generate");
        assertThat(got.getProps().getHeaders().get("correlation_id").toString()).isEqualTo(command.correlationId().toString());
        assertThat(got.getProps().getHeaders().get("traceparent").toString())
                .startsWith("00-" + command.correlationId().toString().replace("-", ""));
        assertThat(got.getProps().getDeliveryMode()).isEqualTo(2);
        var body = JsonMapper.builder().build().readTree(new String(got.getBody(), StandardCharsets.UTF_8));
        assertThat(body.get("job_id").asString()).isEqualTo(command.jobId().toString());
        assertThat(body.get("message_id").asString()).isEqualTo(command.messageId().toString());
        assertThat(awaitAllPublished()).as("row marked published after the confirm").isTrue();
    }

    @Test
    void aRolledBackTransactionSendsNothing() throws Exception {
        var command = GenerateImageCommand.of(UUID.randomUUID(), UUID.randomUUID());

        transaction.executeWithoutResult(s -> {
            outbox.sendCommand(command);
            s.setRollbackOnly();
        });

        assertThat(awaitMessage(routing.imageWorkerCommands(), 1_500)).isNull();
        assertThat(jdbc.sql("select count(*) from outbox where message_id = :id").param("id", command.messageId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void aCommandWrittenWhileTheBrokerIsUnreachableIsDeliveredWhenItIsBack() throws Exception {
        proxy.cut();
        var command = GenerateImageCommand.of(UUID.randomUUID(), UUID.randomUUID());

        transaction.executeWithoutResult(s -> outbox.sendCommand(command));
        Thread.sleep(2_000); // the relay tries, fails and backs off meanwhile

        assertThat(unpublished()).as("kept in the outbox during the outage").isEqualTo(1);
        assertThat(channel.messageCount(routing.imageWorkerCommands())).isZero();

        proxy.restore();

        GetResponse got = awaitMessage(routing.imageWorkerCommands(), 15_000);
        assertThat(got).as("delivered after the outage").isNotNull();
        assertThat(got.getProps().getMessageId()).isEqualTo(command.messageId().toString());
        assertThat(awaitAllPublished()).isTrue();
    }

    @Test
    void relaysRacingOverTheSameRowsSendEachRowOnce() throws Exception {
        int rows = 300;
        List<UUID> ids = new ArrayList<>();
        transaction.executeWithoutResult(s -> {
            for (int i = 0; i < rows; i++) {
                var command = GenerateImageCommand.of(UUID.randomUUID(), UUID.randomUUID());
                ids.add(command.messageId());
                outbox.sendCommand(command);
            }
        });
        // the background relay and two more callers race over the same rows
        var racers = List.of(new Thread(relay::relayPending), new Thread(relay::relayPending));
        racers.forEach(Thread::start);
        for (Thread t : racers) {
            t.join();
        }

        Set<String> seen = new HashSet<>();
        int received = 0;
        GetResponse got;
        while ((got = awaitMessage(routing.imageWorkerCommands(), received < rows ? 10_000 : 500)) != null) {
            received++;
            seen.add(got.getProps().getMessageId());
        }
        assertThat(received).as("no message sent twice").isEqualTo(rows);
        assertThat(seen).hasSize(rows).containsAll(ids.stream().map(UUID::toString).toList());
    }

    @Test
    void anUnroutableCommandIsNotMarkedPublishedAndDoesNotHoldUpTheRowsBehindIt() throws Exception {
        // a command whose routing key no queue is bound to: before, it was confirmed, marked published and lost
        UUID lost = insertRow(routing.commandsExchange(), "nobody.listens.here");
        var behind = GenerateImageCommand.of(UUID.randomUUID(), UUID.randomUUID());
        transaction.executeWithoutResult(s -> outbox.sendCommand(behind));

        GetResponse got = awaitMessage(routing.imageWorkerCommands(), 10_000);
        assertThat(got).as("the row behind the unroutable one is delivered").isNotNull();
        assertThat(got.getProps().getMessageId()).isEqualTo(behind.messageId().toString());
        assertThat(awaitFailureRecorded(lost)).as("the failure is written on the row").isTrue();
        var row = row(lost);
        assertThat(row.get("published_at")).as("an unroutable command is not published").isNull();
        assertThat(((Number) row.get("attempts")).intValue()).isGreaterThanOrEqualTo(1);
        if (broker.rabbitmqFeatures()) {
            assertThat(row.get("last_error").toString()).containsIgnoringCase("unroutable");
        } else {
            // Qpid nacks an unroutable message before it returns it, and the return does not always
            // arrive before the relay writes the row: either way the row is failed, not published
            assertThat(row.get("last_error").toString()).containsAnyOf("unroutable", "nacked by the broker");
        }
    }

    @Test
    void aRowTheBrokerRefusesInTheSameBatchAsGoodOnesHoldsNoneOfThemUp() throws Exception {
        // both rows commit together, so the relay takes them in one batch and the broker closes
        // the channel in the middle of it
        var behind = GenerateImageCommand.of(UUID.randomUUID(), UUID.randomUUID());
        UUID refused = transaction.execute(s -> {
            UUID id = insertRow("no-such-exchange-" + UUID.randomUUID(), "image.generate");
            outbox.sendCommand(behind);
            return id;
        });

        long started = System.nanoTime();
        GetResponse got = awaitMessage(routing.imageWorkerCommands(), 10_000);
        assertThat(got).as("the good row of the batch is delivered").isNotNull();
        assertThat(got.getProps().getMessageId()).isEqualTo(behind.messageId().toString());
        assertThat((System.nanoTime() - started) / 1_000_000).as("ms until the good row arrived: no confirm timeout waited out")
                .isLessThan(3_000);
        assertThat(awaitFailureRecorded(refused)).as("the failure is written on the row").isTrue();
    }

    @Test
    void aRowTheBrokerRefusesIsBackedOffAloneWhileTheOthersAreDelivered() throws Exception {
        // publishing to an exchange that does not exist makes the broker close the channel: before,
        // the whole batch failed with it, again and again, and nothing behind the row was ever sent
        UUID refused = insertRow("no-such-exchange-" + UUID.randomUUID(), "image.generate");
        var behind = GenerateImageCommand.of(UUID.randomUUID(), UUID.randomUUID());
        transaction.executeWithoutResult(s -> outbox.sendCommand(behind));

        GetResponse got = awaitMessage(routing.imageWorkerCommands(), 10_000);
        assertThat(got).as("the row behind the refused one is delivered").isNotNull();
        assertThat(got.getProps().getMessageId()).isEqualTo(behind.messageId().toString());
        assertThat(awaitFailureRecorded(refused)).as("the failure is written on the row").isTrue();
        var row = row(refused);
        assertThat(row.get("published_at")).isNull();
        assertThat(row.get("last_error").toString()).contains("no-such-exchange");
    }

    @Test
    void aFailedRowIsRetriedAfterItsBackoffAndDeliveredOnceItCanBeRouted() throws Exception {
        String routingKey = "late.binding." + UUID.randomUUID();
        String queue = broker.prefix() + ".late-" + UUID.randomUUID();
        UUID waiting = insertRow(routing.commandsExchange(), routingKey);
        assertThat(awaitFailureRecorded(waiting)).isTrue();

        channel.queueDeclare(queue, false, false, true, null);
        channel.queueBind(queue, routing.commandsExchange(), routingKey);
        try {
            GetResponse got = awaitMessage(queue, 15_000);
            assertThat(got).as("delivered on a later attempt").isNotNull();
            assertThat(got.getProps().getMessageId()).isEqualTo(waiting.toString());
            assertThat(awaitAllPublished()).isTrue();
        } finally {
            channel.queueDelete(queue);
        }
    }

    @Test
    void aRowThatKeepsFailingIsNeverDroppedAndWaitsAtMostTheCappedBackoff() throws Exception {
        UUID stubborn = UUID.randomUUID();
        inserted.add(stubborn);
        transaction.executeWithoutResult(s -> jdbc.sql("""
                insert into outbox (message_id, exchange, routing_key, type, headers, payload, attempts)
                values (:id, :exchange, 'nobody.listens.here', 'image.generate', '{}', '{}', 15)
                """).param("id", stubborn).param("exchange", routing.commandsExchange()).update());

        assertThat(awaitFailureRecorded(stubborn)).isTrue();

        var row = jdbc.sql("""
                select attempts, published_at, extract(epoch from next_attempt_at - now()) as wait_seconds
                from outbox where message_id = :id
                """).param("id", stubborn).query().singleRow();
        assertThat(((Number) row.get("attempts")).intValue()).as("tried again after 15 failures").isEqualTo(16);
        assertThat(row.get("published_at")).isNull();
        assertThat(((Number) row.get("wait_seconds")).doubleValue()).as("backoff capped at 5 minutes")
                .isBetween(240.0, 300.0);
    }

    private UUID insertRow(String exchange, String routingKey) {
        UUID id = UUID.randomUUID();
        inserted.add(id);
        transaction.executeWithoutResult(s -> jdbc.sql("""
                insert into outbox (message_id, exchange, routing_key, type, headers, payload)
                values (:id, :exchange, :key, 'image.generate', '{}', '{}')
                """).param("id", id).param("exchange", exchange).param("key", routingKey).update());
        return id;
    }

    private java.util.Map<String, Object> row(UUID messageId) {
        return jdbc.sql("select published_at, attempts, last_error from outbox where message_id = :id")
                .param("id", messageId).query().singleRow();
    }

    private boolean awaitFailureRecorded(UUID messageId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            var row = row(messageId);
            if (row.get("last_error") != null || row.get("published_at") != null) {
                return row.get("last_error") != null;
            }
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
    }

    private long unpublished() {
        return jdbc.sql("select count(*) from outbox where published_at is null").query(Long.class).single();
    }

    /** The relay marks rows in the transaction that published them, which commits just after the confirm. */
    private boolean awaitAllPublished() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (unpublished() > 0) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private GetResponse awaitMessage(String queue, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        do {
            GetResponse response = channel.basicGet(queue, true);
            if (response != null) {
                return response;
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        return null;
    }

    private static TcpProxy startProxy() {
        try {
            var uri = broker.uri();
            return new TcpProxy(uri.getHost(), uri.getPort());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
