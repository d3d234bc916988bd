package com.reelsmith.gateway.clientwebhooks;

import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.platform.jdbc.Rows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deliveries of events to endpoints and every attempt at one. Senders on several instances share
 * the table: each claims due rows with {@code FOR UPDATE SKIP LOCKED} and a lease, so a row is
 * sent by one at a time, and a sender that dies mid-send leaves a lease that simply runs out.
 */
@Repository
class WebhookDeliveries {

    record Delivery(UUID id, UUID endpointId, UUID clientId, UUID eventId, String eventType, String status,
                    int attempts, Instant nextAttemptAt, Instant giveUpAt, Integer lastStatus, String lastError,
                    Instant createdAt, Instant deliveredAt) {
    }

    /** A claimed delivery with what sending it takes. */
    record Claimed(UUID id, UUID endpointId, String eventType, String payload, int attempts, Instant giveUpAt,
                   String url, String secret) {
    }

    record Attempt(long id, UUID deliveryId, Instant attemptedAt, Integer statusCode, String error, int durationMs) {
    }

    private static final String COLUMNS = """
            id, endpoint_id, client_id, event_id, event_type, status, attempts, next_attempt_at, give_up_at,
            last_status, last_error, created_at, delivered_at""";

    private final JdbcClient jdbc;

    WebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One delivery of an event to an endpoint, due now; none when the endpoint already has this event. */
    boolean insert(UUID endpointId, UUID clientId, UUID eventId, String eventType, String payload, Duration giveUpAfter) {
        return jdbc.sql("""
                insert into webhook_deliveries (id, endpoint_id, client_id, event_id, event_type, payload, next_attempt_at,
                                                give_up_at)
                values (:id, :endpointId, :clientId, :eventId, :type, cast(:payload as jsonb), now(),
                        now() + make_interval(secs => :giveUp))
                on conflict (endpoint_id, event_id) do nothing
                """).param("id", UUID.randomUUID()).param("endpointId", endpointId).param("clientId", clientId)
                .param("eventId", eventId).param("type", eventType).param("payload", payload)
                .param("giveUp", (double) giveUpAfter.toSeconds()).update() == 1;
    }

    /** Takes up to {@code batch} due deliveries of live endpoints for {@code lease}. */
    @Transactional
    public List<Claimed> claim(int batch, Duration lease) {
        return jdbc.sql("""
                with due as (
                    select d.id from webhook_deliveries d
                    join webhook_endpoints e on e.id = d.endpoint_id and e.deleted_at is null
                    where d.status = 'pending' and d.next_attempt_at <= now()
                      and (d.lease_until is null or d.lease_until < now())
                    order by d.next_attempt_at
                    limit :batch
                    for update of d skip locked)
                update webhook_deliveries d set lease_until = now() + make_interval(secs => :lease)
                from due, webhook_endpoints e
                where d.id = due.id and e.id = d.endpoint_id
                returning d.id, d.endpoint_id, d.event_type, d.payload::text as payload, d.attempts, d.give_up_at,
                          e.url, e.secret
                """).param("batch", batch).param("lease", (double) lease.toSeconds())
                .query(Rows.of(Claimed.class)).list();
    }

    /** An attempt that the endpoint accepted (2xx): the delivery is done. */
    @Transactional
    public void succeeded(UUID id, int statusCode, long durationMs) {
        logAttempt(id, statusCode, null, durationMs);
        jdbc.sql("""
                update webhook_deliveries set status = 'succeeded', attempts = attempts + 1, last_status = :code,
                       last_error = null, delivered_at = now(), next_attempt_at = null, lease_until = null
                where id = :id and status = 'pending'
                """).param("id", id).param("code", statusCode).update();
    }

    /**
     * An attempt that failed: tried again after {@code retryIn}, or marked failed when that would
     * be past its give-up time. Returns the status it is left in.
     */
    @Transactional
    public String failed(UUID id, Integer statusCode, String error, long durationMs, Duration retryIn) {
        logAttempt(id, statusCode, error, durationMs);
        return jdbc.sql("""
                update webhook_deliveries set attempts = attempts + 1, last_status = :code, last_error = :error,
                       lease_until = null,
                       status = case when now() + make_interval(secs => :retryIn) > give_up_at then 'failed' else 'pending' end,
                       next_attempt_at = case when now() + make_interval(secs => :retryIn) > give_up_at then null
                                              else now() + make_interval(secs => :retryIn) end
                where id = :id and status = 'pending'
                returning status
                """).param("id", id).param("code", statusCode).param("error", error)
                .param("retryIn", retryIn.toMillis() / 1000.0).query(String.class).optional().orElse("canceled");
    }

    /** Sends it again now, with a fresh give-up time (the client fixed its server, say). */
    @Transactional
    public Optional<Delivery> redeliver(UUID endpointId, UUID id, Duration giveUpAfter) {
        int updated = jdbc.sql("""
                update webhook_deliveries set status = 'pending', next_attempt_at = now(), lease_until = null,
                       give_up_at = now() + make_interval(secs => :giveUp)
                where id = :id and endpoint_id = :endpointId
                """).param("id", id).param("endpointId", endpointId).param("giveUp", (double) giveUpAfter.toSeconds())
                .update();
        return updated == 0 ? Optional.empty() : find(endpointId, id);
    }

    Optional<Delivery> find(UUID endpointId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_deliveries where id = :id and endpoint_id = :endpointId")
                .param("id", id).param("endpointId", endpointId).query(Rows.of(Delivery.class)).optional();
    }

    /** An endpoint's deliveries, newest first, limit + 1 rows. */
    List<Delivery> list(UUID endpointId, String status, Cursor after, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                 from webhook_deliveries
                where endpoint_id = :endpointId and (cast(:status as text) is null or status = :status)
                  and (created_at, id) < (:afterAt, :afterId)
                order by created_at desc, id desc limit :limit
                """).param("endpointId", endpointId).param("status", status).param("afterAt", after.at())
                .param("afterId", after.id()).param("limit", limit + 1).query(Rows.of(Delivery.class)).list();
    }

    /** The attempts of these deliveries, oldest first, in one query. */
    Map<UUID, List<Attempt>> attemptsOf(List<UUID> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                select id, delivery_id, attempted_at, status_code, error, duration_ms
                from webhook_attempts where delivery_id in (:ids) order by id
                """).param("ids", deliveryIds).query(Rows.of(Attempt.class)).list().stream()
                .collect(Collectors.groupingBy(Attempt::deliveryId));
    }

    private void logAttempt(UUID id, Integer statusCode, String error, long durationMs) {
        jdbc.sql("""
                insert into webhook_attempts (delivery_id, status_code, error, duration_ms)
                values (:id, :code, :error, :duration)
                """).param("id", id).param("code", statusCode).param("error", error)
                .param("duration", (int) Math.min(Integer.MAX_VALUE, durationMs)).update();
    }
}
