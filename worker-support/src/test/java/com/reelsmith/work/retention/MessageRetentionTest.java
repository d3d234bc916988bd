package com.reelsmith.work.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.Fixtures;
import com.reelsmith.testing.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class MessageRetentionTest {

    static final TestDatabase db = TestDatabase.createMigrated();
    final Fixtures fixtures = new Fixtures(db);
    final JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));
    final MessageRetention retention = new MessageRetention(jdbc, 5_000, Duration.ofSeconds(30));

    @BeforeEach
    void empty() {
        fixtures.update("delete from outbox");
        fixtures.update("delete from processed_messages");
    }

    @Test
    void oldPublishedRowsAndMessageIdsGoWhileRecentAndUnpublishedOnesStay() {
        fixtures.update("insert into outbox (message_id, exchange, routing_key, type, payload, published_at) values "
                + "('" + UUID.randomUUID() + "', 'x', 'k', 't', '{}', now() - interval '8 days'), "
                + "('" + UUID.randomUUID() + "', 'x', 'k', 't', '{}', now() - interval '1 day'), "
                + "('" + UUID.randomUUID() + "', 'x', 'k', 't', '{}', null)");
        fixtures.update("update outbox set created_at = now() - interval '9 days' where published_at is null");
        fixtures.update("insert into processed_messages (consumer, message_id, processed_at) values "
                + "('c', '" + UUID.randomUUID() + "', now() - interval '8 days'), "
                + "('c', '" + UUID.randomUUID() + "', now())");

        int removed = retention.purgeOlderThan(Duration.ofDays(7));

        assertThat(removed).isEqualTo(2);
        assertThat(fixtures.value("select count(*) from outbox")).isEqualTo(2L);
        assertThat(fixtures.value("select count(*) from outbox where published_at is null"))
                .as("an unpublished row is never purged, however old").isEqualTo(1L);
        assertThat(fixtures.value("select count(*) from processed_messages")).isEqualTo(1L);
    }

    @Test
    void aBacklogOfManyBatchesIsClearedInOnePass() {
        // before: one pass removed at most 10,000 of each, one pass every 10 minutes (about 33 rows/s in all)
        fixtures.update("""
                insert into outbox (message_id, exchange, routing_key, type, payload, published_at)
                select gen_random_uuid(), 'x', 'k', 't', '{}', now() - interval '8 days' from generate_series(1, 23000)
                """);
        fixtures.update("""
                insert into processed_messages (consumer, message_id, processed_at)
                select 'c', gen_random_uuid(), now() - interval '8 days' from generate_series(1, 23000)
                """);
        fixtures.update("""
                insert into outbox (message_id, exchange, routing_key, type, payload, published_at)
                select gen_random_uuid(), 'x', 'k', 't', '{}', now() - interval '1 day' from generate_series(1, 100)
                """);

        int removed = retention.purgeOlderThan(Duration.ofDays(7));

        assertThat(removed).isEqualTo(46_000);
        assertThat(fixtures.value("select count(*) from outbox")).as("only the recent rows are left").isEqualTo(100L);
        assertThat(fixtures.value("select count(*) from processed_messages")).isEqualTo(0L);
    }

    @Test
    void aPassStopsAtItsTimeBudgetAndTheNextOneGoesOn() {
        fixtures.update("""
                insert into processed_messages (consumer, message_id, processed_at)
                select 'c', gen_random_uuid(), now() - interval '8 days' from generate_series(1, 3000)
                """);
        var slow = new MessageRetention(jdbc, 100, Duration.ZERO); // a budget spent after the first batch

        int first = slow.purgeOlderThan(Duration.ofDays(7));

        assertThat(first).as("one batch, then the budget is spent").isEqualTo(100);
        assertThat(fixtures.value("select count(*) from processed_messages")).isEqualTo(2_900L);
        assertThat(retention.purgeOlderThan(Duration.ofDays(7))).isEqualTo(2_900);
    }

    @Test
    void theDeletesFindOldRowsThroughAnIndex() {
        assertThat(fixtures.value("""
                select count(*) from pg_indexes
                where (tablename = 'outbox' and indexdef like '%(published_at)%')
                   or (tablename = 'processed_messages' and indexdef like '%(processed_at)%')
                """)).isEqualTo(2L);
    }
}
