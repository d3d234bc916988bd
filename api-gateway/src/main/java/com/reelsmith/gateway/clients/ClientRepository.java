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

    public record ClientRow(UUID id, String name, String brandGuidelines, Instant createdAt) {
    }

    private final JdbcClient jdbc;

    ClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ClientRow> find(UUID id) {
        return jdbc.sql("select id, name, brand_guidelines::text, created_at from clients where id = :id")
                .param("id", id).query(Rows.of(ClientRow.class)).optional();
    }

    ClientRow insert(String name, String brandGuidelinesJson) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into clients (id, name, brand_guidelines) values (:id, :name, cast(:brand as jsonb))")
                .param("id", id).param("name", name).param("brand", brandGuidelinesJson).update();
        return find(id).orElseThrow();
    }

    /** Newest first, {@code limit + 1} rows (see Page). */
    List<ClientRow> list(Cursor after, int limit) {
        return jdbc.sql("""
                select id, name, brand_guidelines::text, created_at from clients
                where (created_at, id) < (:afterAt, :afterId)
                order by created_at desc, id desc
                limit :limit
                """)
                .param("afterAt", after.at())
                .param("afterId", after.id())
                .param("limit", limit + 1)
                .query(Rows.of(ClientRow.class)).list();
    }
}
