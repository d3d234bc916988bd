package com.reelsmith.gateway.campaigns;

import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.platform.jdbc.Rows;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class CampaignRepository {

    public record CampaignRow(UUID id, UUID clientId, String name, String description, String status,
                              BigDecimal budgetUsd, Instant createdAt, Instant updatedAt) {
    }

    private static final String COLUMNS = "id, client_id, name, description, status, budget_usd, created_at, updated_at";

    private final JdbcClient jdbc;

    CampaignRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<CampaignRow> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from campaigns where id = :id")
                .param("id", id).query(Rows.of(CampaignRow.class)).optional();
    }

    /**
     * A campaign with what starting new work in it needs of its client (archived or not, brand
     * guidelines as JSON text), in one statement: every generate request reads it, and it used to
     * take three round trips.
     */
    public record ForNewWork(UUID id, UUID clientId, String name, String description, String status, BigDecimal budgetUsd,
                             Instant createdAt, Instant updatedAt, boolean clientArchived, String brandGuidelines) {
        public CampaignRow campaign() {
            return new CampaignRow(id, clientId, name, description, status, budgetUsd, createdAt, updatedAt);
        }
    }

    Optional<ForNewWork> findForNewWork(UUID id) {
        return jdbc.sql("""
                select c.id, c.client_id, c.name, c.description, c.status, c.budget_usd, c.created_at, c.updated_at,
                       cl.status = 'archived' as client_archived, cl.brand_guidelines::text as brand_guidelines
                from campaigns c join clients cl on cl.id = c.client_id
                where c.id = :id
                """).param("id", id).query(Rows.of(ForNewWork.class)).optional();
    }

    CampaignRow insert(UUID clientId, String name, String description, String status, BigDecimal budgetUsd) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into campaigns (id, client_id, name, description, status, budget_usd)
                values (:id, :clientId, :name, :description, :status, :budgetUsd)
                """).param("id", id).param("clientId", clientId).param("name", name)
                .param("description", description).param("status", status).param("budgetUsd", budgetUsd).update();
        return find(id).orElseThrow();
    }

    CampaignRow update(CampaignRow changed) {
        jdbc.sql("""
                update campaigns set name = :name, description = :description, status = :status,
                       budget_usd = :budgetUsd, updated_at = now()
                where id = :id
                """).param("id", changed.id()).param("name", changed.name()).param("description", changed.description())
                .param("status", changed.status()).param("budgetUsd", changed.budgetUsd()).update();
        return find(changed.id()).orElseThrow();
    }

    /** Newest first, one client's or (clientId null, for an admin) everyone's; {@code limit + 1} rows. */
    List<CampaignRow> list(UUID clientId, Cursor after, int limit) {
        String sql = "select " + COLUMNS + " from campaigns where (created_at, id) < (:afterAt, :afterId)"
                + (clientId == null ? "" : " and client_id = :clientId")
                + " order by created_at desc, id desc limit :limit";
        var statement = jdbc.sql(sql).param("afterAt", after.at()).param("afterId", after.id()).param("limit", limit + 1);
        if (clientId != null) {
            statement = statement.param("clientId", clientId);
        }
        return statement.query(Rows.of(CampaignRow.class)).list();
    }
}
