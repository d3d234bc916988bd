package com.reelsmith.gateway.ops;

import com.reelsmith.platform.jdbc.Rows;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The read-only figures of the ops API that are not about one queue: the outbox, jobs by kind and status. */
@Component
class OpsQueries {

    record OutboxBacklog(long unpublished, Instant oldestCreatedAt, Double oldestAgeSeconds, long failingAttempts) {
    }

    record JobCount(String kind, String status, long count) {
    }

    record DeadLetterCount(String queue, String status, long count) {
    }

    private final JdbcClient jdbc;

    OpsQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    OutboxBacklog outbox() {
        return jdbc.sql("""
                select count(*) as unpublished, min(created_at) as oldest_created_at,
                       extract(epoch from now() - min(created_at))::float8 as oldest_age_seconds,
                       count(*) filter (where attempts > 0) as failing_attempts
                from outbox where published_at is null
                """).query(Rows.of(OutboxBacklog.class)).single();
    }

    List<JobCount> jobsByKindAndStatus() {
        return jdbc.sql("select kind, status, count(*) as count from jobs group by kind, status order by kind, status")
                .query(Rows.of(JobCount.class)).list();
    }

    List<DeadLetterCount> deadLetters() {
        return jdbc.sql("select queue, status, count(*) as count from dead_letters group by queue, status order by queue, status")
                .query(Rows.of(DeadLetterCount.class)).list();
    }
}
