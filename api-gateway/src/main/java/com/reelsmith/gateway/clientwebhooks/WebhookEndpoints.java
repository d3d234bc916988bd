package com.reelsmith.gateway.clientwebhooks;

import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.platform.jdbc.Rows;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Clients' webhook endpoints. A deleted endpoint keeps its row (its delivery log points at it). */
@Repository
class WebhookEndpoints {

    record Endpoint(UUID id, UUID clientId, String url, String eventTypes, String description, String secret,
                    Instant createdAt, Instant deletedAt) {

        List<String> events() {
            return eventTypes.isEmpty() ? List.of() : Arrays.asList(eventTypes.split(","));
        }
    }

    private static final String COLUMNS = """
            id, client_id, url, array_to_string(event_types, ',') as event_types, description, secret, created_at,
            deleted_at""";

    private final JdbcClient jdbc;

    WebhookEndpoints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A new endpoint, unless the client already has {@code max} live (not deleted) ones: then empty
     * and nothing made. The client's row is locked first, so two creations at once are counted one
     * after the other and cannot both pass the cap.
     */
    @Transactional
    public Optional<Endpoint> create(UUID clientId, String url, List<String> eventTypes, String description,
                                     String secret, int max) {
        jdbc.sql("select id from clients where id = :clientId for update").param("clientId", clientId)
                .query(UUID.class).single();
        long live = jdbc.sql("select count(*) from webhook_endpoints where client_id = :clientId and deleted_at is null")
                .param("clientId", clientId).query(Long.class).single();
        if (live >= max) {
            return Optional.empty();
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into webhook_endpoints (id, client_id, url, event_types, description, secret)
                values (:id, :clientId, :url, string_to_array(:events, ','), :description, :secret)
                """).param("id", id).param("clientId", clientId).param("url", url)
                .param("events", String.join(",", eventTypes)).param("description", description)
                .param("secret", secret).update();
        return Optional.of(find(id).orElseThrow());
    }

    /** A live (not deleted) endpoint. */
    Optional<Endpoint> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from webhook_endpoints where id = :id and deleted_at is null")
                .param("id", id).query(Rows.of(Endpoint.class)).optional();
    }

    /** Newest first, limit + 1 rows; clientId null: every client's (an admin). */
    List<Endpoint> list(UUID clientId, Cursor after, int limit) {
        return jdbc.sql("select " + COLUMNS + """
                 from webhook_endpoints
                where deleted_at is null and (cast(:clientId as uuid) is null or client_id = :clientId)
                  and (created_at, id) < (:afterAt, :afterId)
                order by created_at desc, id desc limit :limit
                """).param("clientId", clientId).param("afterAt", after.at()).param("afterId", after.id())
                .param("limit", limit + 1).query(Rows.of(Endpoint.class)).list();
    }

    /** The client's live endpoints that subscribe to this event type. */
    List<Endpoint> subscribedTo(UUID clientId, String eventType) {
        return jdbc.sql("select " + COLUMNS + """
                 from webhook_endpoints
                where client_id = :clientId and deleted_at is null and :type = any(event_types)
                """).param("clientId", clientId).param("type", eventType).query(Rows.of(Endpoint.class)).list();
    }

    /** Deletes the endpoint and cancels what it had still to receive. False when it was not there. */
    @Transactional
    public boolean delete(UUID id) {
        int deleted = jdbc.sql("update webhook_endpoints set deleted_at = now() where id = :id and deleted_at is null")
                .param("id", id).update();
        if (deleted == 0) {
            return false;
        }
        jdbc.sql("""
                update webhook_deliveries set status = 'canceled', next_attempt_at = null, lease_until = null,
                       last_error = 'the endpoint was deleted'
                where endpoint_id = :id and status = 'pending'
                """).param("id", id).update();
        return true;
    }
}
