package com.reelsmith.gateway.clients;

import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.platform.jdbc.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ClientRepository {

    public record ClientRow(UUID id, String name, String brandGuidelines, String status, Instant createdAt,
                            Instant updatedAt) {
    }

    private static final String COLUMNS = "id, name, brand_guidelines::text, status, created_at, updated_at";

    private final JdbcClient jdbc;

    ClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ClientRow> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from clients where id = :id")
                .param("id", id).query(Rows.of(ClientRow.class)).optional();
    }

    ClientRow insert(String name, String brandGuidelinesJson) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into clients (id, name, brand_guidelines) values (:id, :name, cast(:brand as jsonb))")
                .param("id", id).param("name", name).param("brand", brandGuidelinesJson).update();
        return find(id).orElseThrow();
    }

    ClientRow update(UUID id, String name, String brandGuidelinesJson, String status) {
        jdbc.sql("""
                update clients set name = :name, brand_guidelines = cast(:brand as jsonb), status = :status,
                       updated_at = now()
                where id = :id
                """).param("id", id).param("name", name).param("brand", brandGuidelinesJson).param("status", status)
                .update();
        return find(id).orElseThrow();
    }

    /** Newest first, {@code limit + 1} rows (see Page). */
    List<ClientRow> list(Cursor after, int limit) {
        return jdbc.sql("""
                select %s from clients
                where (created_at, id) < (:afterAt, :afterId)
                order by created_at desc, id desc
                limit :limit
                """.formatted(COLUMNS))
                .param("afterAt", after.at())
                .param("afterId", after.id())
                .param("limit", limit + 1)
                .query(Rows.of(ClientRow.class)).list();
    }
}
