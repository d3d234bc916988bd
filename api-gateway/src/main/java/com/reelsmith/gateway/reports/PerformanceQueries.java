package com.reelsmith.gateway.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Views, clicks and conversions clients report for their videos, per job and day. */
@Repository
class PerformanceQueries {

    record JobOwner(UUID id, UUID clientId, UUID campaignId, String kind, String status) {
    }

    record Figures(UUID jobId, long views, long clicks, long conversions, BigDecimal ctr, BigDecimal conversionRate) {
        static Figures of(UUID jobId, long views, long clicks, long conversions) {
            return new Figures(jobId, views, clicks, conversions, rate(clicks, views), rate(conversions, clicks));
        }
    }

    private final JdbcClient jdbc;

    PerformanceQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<JobOwner> job(UUID id) {
        return jdbc.sql("select id, client_id, campaign_id, kind, status from jobs where id = :id").param("id", id)
                .query((rs, n) -> new JobOwner(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                        rs.getObject("campaign_id", UUID.class), rs.getString("kind"), rs.getString("status")))
                .optional();
    }

    /** A day reported again replaces that day's figures: resending a daily export changes nothing. */
    void record(JobOwner job, LocalDate day, long views, long clicks, long conversions) {
        jdbc.sql("""
                insert into job_performance (job_id, day, client_id, campaign_id, views, clicks, conversions)
                values (:job, :day, :client, :campaign, :views, :clicks, :conversions)
                on conflict (job_id, day) do update set views = excluded.views, clicks = excluded.clicks,
                    conversions = excluded.conversions, reported_at = now()
                """).param("job", job.id()).param("day", day).param("client", job.clientId())
                .param("campaign", job.campaignId()).param("views", views).param("clicks", clicks)
                .param("conversions", conversions).update();
    }

    Figures ofJob(UUID jobId) {
        return jdbc.sql("""
                select coalesce(sum(views), 0) as views, coalesce(sum(clicks), 0) as clicks,
                       coalesce(sum(conversions), 0) as conversions
                from job_performance where job_id = :job
                """).param("job", jobId)
                .query((rs, n) -> Figures.of(jobId, rs.getLong("views"), rs.getLong("clicks"), rs.getLong("conversions")))
                .single();
    }

    List<Figures> ofCampaign(UUID campaignId) {
        return jdbc.sql("""
                select job_id, sum(views) as views, sum(clicks) as clicks, sum(conversions) as conversions
                from job_performance where campaign_id = :campaign group by job_id order by sum(views) desc, job_id
                """).param("campaign", campaignId)
                .query((rs, n) -> Figures.of(rs.getObject("job_id", UUID.class), rs.getLong("views"),
                        rs.getLong("clicks"), rs.getLong("conversions")))
                .list();
    }

    /** A ratio to 4 places, or null when there is nothing to divide by. */
    static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
