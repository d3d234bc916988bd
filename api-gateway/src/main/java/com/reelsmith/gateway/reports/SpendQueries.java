package com.reelsmith.gateway.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Spend as the jobs recorded it. Costs are counted once: each job carries its own cost_usd (a
 * video's start image its own, a production its assembly only), so a report adds jobs, never a
 * roll-up and its parts. Only recorded costs count (cost_usd set), not estimates; a job counts on
 * the day it was created (UTC).
 */
@Repository
class SpendQueries {

    enum GroupBy { DAY, MODEL, CAMPAIGN }

    record SpendRow(String key, String label, BigDecimal costUsd, long jobs) {
    }

    /**
     * The model a job's cost is for. A production's (or ad's) own cost is its assembly; a job whose
     * input names its model is that model; otherwise the provider and kind, and for a video its mode
     * (a pro second costs more than a standard one). Kinds added later fall into the generic branch.
     * (No jsonb "?" operator here: JdbcClient would read it as a positional parameter.)
     */
    static final String MODEL = """
            case when j.kind in ('production', 'ad') then 'assembly'
                 when j.input->>'model' is not null then j.input->>'model'
                 when j.kind = 'video' then coalesce(j.provider, 'local') || ':video:' || coalesce(j.input->>'mode', 'standard')
                 else coalesce(j.provider, 'local') || ':' || j.kind end""";

    private final JdbcClient jdbc;

    SpendQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<SpendRow> spend(ReportScope scope, Instant from, Instant to, GroupBy groupBy) {
        String key = switch (groupBy) {
            case DAY -> "to_char(j.created_at at time zone 'UTC', 'YYYY-MM-DD')";
            case MODEL -> MODEL;
            case CAMPAIGN -> "j.campaign_id::text";
        };
        String label = groupBy == GroupBy.CAMPAIGN ? "min(c.name)" : "null::text";
        return jdbc.sql("select " + key + " as key, " + label + " as label, sum(j.cost_usd) as cost_usd, count(*) as jobs"
                        + " from jobs j join campaigns c on c.id = j.campaign_id"
                        + " where j." + scope.column() + " = :id and j.cost_usd is not null"
                        + " and j.created_at >= :from and j.created_at < :to"
                        + " group by 1 order by 1")
                .param("id", scope.id()).param("from", java.sql.Timestamp.from(from)).param("to", java.sql.Timestamp.from(to))
                .query((rs, n) -> new SpendRow(rs.getString("key"), rs.getString("label"),
                        rs.getBigDecimal("cost_usd").setScale(4), rs.getLong("jobs")))
                .list();
    }
}
