package com.reelsmith.gateway.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A client's or campaign's work in numbers: jobs by kind and status, media by kind, spend and average costs. */
@Repository
class StatsQueries {

    record JobCount(String kind, String status, long count, BigDecimal costUsd) {
    }

    record MediaCount(String kind, long count, long bytes) {
    }

    /**
     * What one finished piece of work of a kind cost on average: a top-level job (an image, a video,
     * an ad) with everything it started (a video's start image, a production's scenes), each job's
     * own cost once.
     */
    record AverageCost(String kind, long count, BigDecimal totalCostUsd, BigDecimal averageCostUsd) {
    }

    private final JdbcClient jdbc;

    StatsQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<JobCount> jobs(ReportScope scope) {
        return jdbc.sql("select kind, status, count(*) as count, coalesce(sum(cost_usd), 0) as cost_usd from jobs"
                        + " where " + scope.column() + " = :id group by kind, status order by kind, status")
                .param("id", scope.id())
                .query((rs, n) -> new JobCount(rs.getString("kind"), rs.getString("status"), rs.getLong("count"),
                        rs.getBigDecimal("cost_usd").setScale(4)))
                .list();
    }

    List<MediaCount> media(ReportScope scope) {
        String where = " where " + scope.column() + " = :id";
        return jdbc.sql("select 'asset' as kind, count(*) as count, coalesce(sum(bytes), 0) as bytes from assets" + where
                        + " union all select 'image', count(*), coalesce(sum(bytes), 0) from generated_images" + where
                        + " union all select 'video', count(*), coalesce(sum(bytes), 0) from generated_videos" + where)
                .param("id", scope.id())
                .query((rs, n) -> new MediaCount(rs.getString("kind"), rs.getLong("count"), rs.getLong("bytes")))
                .list();
    }

    BigDecimal spend(ReportScope scope) {
        return jdbc.sql("select coalesce(sum(cost_usd), 0) from jobs where " + scope.column() + " = :id and cost_usd is not null")
                .param("id", scope.id()).query(BigDecimal.class).single().setScale(4);
    }

    List<AverageCost> averages(ReportScope scope) {
        return jdbc.sql("""
                with recursive tree as (
                    select id as root, id, kind as root_kind from jobs
                    where %s = :id and parent_job_id is null and status = 'succeeded'
                    union all
                    select t.root, j.id, t.root_kind from jobs j join tree t on j.parent_job_id = t.id
                )
                select t.root_kind as kind, count(distinct t.root) as count, coalesce(sum(j.cost_usd), 0) as total
                from tree t join jobs j on j.id = t.id
                group by t.root_kind order by t.root_kind
                """.formatted(scope.column()))
                .param("id", scope.id())
                .query((rs, n) -> {
                    BigDecimal total = rs.getBigDecimal("total").setScale(4);
                    long count = rs.getLong("count");
                    return new AverageCost(rs.getString("kind"), count, total,
                            total.divide(BigDecimal.valueOf(count), 4, RoundingMode.HALF_UP));
                })
                .list();
    }
}
