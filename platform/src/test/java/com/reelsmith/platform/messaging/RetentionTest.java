package com.reelsmith.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.Fixtures;
import com.reelsmith.testing.TestDatabase;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class RetentionTest {

    static final TestDatabase db = TestDatabase.createMigrated();
    final Fixtures fixtures = new Fixtures(db);
    final JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));

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

        int removed = new Retention(jdbc).purgeOlderThan(Duration.ofDays(7));

        assertThat(removed).isEqualTo(2);
        assertThat(fixtures.value("select count(*) from outbox")).isEqualTo(2L);
        assertThat(fixtures.value("select count(*) from outbox where published_at is null"))
                .as("an unpublished row is never purged, however old").isEqualTo(1L);
        assertThat(fixtures.value("select count(*) from processed_messages")).isEqualTo(1L);
    }
}
