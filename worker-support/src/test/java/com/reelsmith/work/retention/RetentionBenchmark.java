package com.reelsmith.work.retention;

import com.reelsmith.testing.Fixtures;
import com.reelsmith.testing.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Not a test (surefire skips *Benchmark): how fast retention empties a backlog on the real
 * PostgreSQL, before (one statement of at most 10,000 rows per table per pass, no index on the
 * age columns, a pass every 10 minutes) and after (batches until nothing old is left, within a
 * 20 s budget per pass, a pass every minute, V3's indexes). Each table holds as many recent rows
 * as old ones, as it would in service. Run:
 * {@code ./mvnw -B -o -pl worker-support -am test -Dtest=RetentionBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 */
class RetentionBenchmark {

    static final int OLD = Integer.getInteger("bench.old", 100_000);
    static final Duration KEEP = Duration.ofDays(7);

    @Test
    void measure() {
        // old rows first in the table, as after a first fill; then the steady state, where space freed
        // by earlier deletes is reused and old rows are spread among recent ones (1 in 20 here)
        measure("old rows together", false);
        measure("old rows spread", true);
    }

    private void measure(String layout, boolean spread) {
        var before = TestDatabase.createMigrated();
        fill(before, spread);
        new Fixtures(before).update("drop index outbox_published");
        new Fixtures(before).update("drop index processed_messages_processed");
        JdbcClient oldJdbc = jdbc(before);
        long start = System.nanoTime();
        int passes = 0;
        long removed = 0;
        int removedInPass;
        long firstPassNanos = 0;
        do {
            long passStart = System.nanoTime();
            removedInPass = oldPass(oldJdbc);
            if (passes == 0) {
                firstPassNanos = System.nanoTime() - passStart;
            }
            removed += removedInPass;
            passes++;
        } while (removedInPass > 0);
        double beforeSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("RETENTION [" + layout + "] before: %d rows in %d passes, %.1f s of deleting (%.0f rows/s while deleting; "
                        + "first pass %d rows in %.0f ms); sustained at one pass per 10 min: %.0f rows/s%n",
                removed, passes - 1, beforeSeconds, removed / beforeSeconds, Math.min(removed, 20_000),
                firstPassNanos / 1e6, 20_000 / 600.0);

        var after = TestDatabase.createMigrated();
        fill(after, spread);
        var retention = new MessageRetention(jdbc(after), 5_000, Duration.ofSeconds(20));
        start = System.nanoTime();
        long firstPass = retention.purgeOlderThan(KEEP);
        double firstSeconds = (System.nanoTime() - start) / 1e9;
        long total = firstPass;
        long more;
        while ((more = retention.purgeOlderThan(KEEP)) > 0) {
            total += more;
        }
        double afterSeconds = (System.nanoTime() - start) / 1e9;
        double rate = total / afterSeconds;
        System.out.printf("RETENTION [" + layout + "] after: %d rows, first pass %d rows in %.1f s, all in %.1f s (%.0f rows/s while "
                        + "deleting); sustained at a 20 s pass per minute: %.0f rows/s%n",
                total, firstPass, firstSeconds, afterSeconds, rate, rate * 20 / 60);
    }

    private static int oldPass(JdbcClient jdbc) {
        long seconds = KEEP.toSeconds();
        int outbox = jdbc.sql("""
                delete from outbox where id in (
                    select id from outbox where published_at < now() - make_interval(secs => :seconds) limit 10000)
                """).param("seconds", seconds).update();
        int processed = jdbc.sql("""
                delete from processed_messages where (consumer, message_id) in (
                    select consumer, message_id from processed_messages
                    where processed_at < now() - make_interval(secs => :seconds) limit 10000)
                """).param("seconds", seconds).update();
        return outbox + processed;
    }

    /**
     * OLD rows past retention in each table and as many recent ones (spread: 19 recent ones per
     * old one, interleaved), with payloads of a realistic size.
     */
    private static void fill(TestDatabase db, boolean spread) {
        var fixtures = new Fixtures(db);
        String age = spread ? "case when i % 20 = 0 then interval '8 days' else interval '1 hour' end"
                : "case when i <= " + OLD + " then interval '8 days' else interval '1 hour' end";
        int rows = spread ? OLD * 20 : OLD * 2;
        fixtures.update("""
                insert into outbox (message_id, exchange, routing_key, type, headers, payload, created_at, published_at)
                select gen_random_uuid(), 'reelsmith.commands', 'image.generate', 'image.generate',
                       jsonb_build_object('message_id', gen_random_uuid(), 'correlation_id', gen_random_uuid(),
                                          'traceparent', '00-' || md5(random()::text) || '-' || left(md5(random()::text), 16) || '-01'),
                       jsonb_build_object('job_id', gen_random_uuid(), 'message_id', gen_random_uuid(),
                                          'correlation_id', gen_random_uuid(), 'type', 'image.generate', 'version', 1),
                       now() - (%1$s), now() - (%1$s)
                from generate_series(1, %2$d) i
                """.formatted(age, rows));
        fixtures.update("""
                insert into processed_messages (consumer, message_id, processed_at)
                select 'image-worker', gen_random_uuid(), now() - (%s) from generate_series(1, %d) i
                """.formatted(age, rows));
        fixtures.update("vacuum analyze outbox");
        fixtures.update("vacuum analyze processed_messages");
    }

    private static JdbcClient jdbc(TestDatabase db) {
        return JdbcClient.create(new DriverManagerDataSource(db.url(), db.user(), db.password()));
    }
}
