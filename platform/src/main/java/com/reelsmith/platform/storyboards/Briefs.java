package com.reelsmith.platform.storyboards;

import com.reelsmith.model.MediaRef;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/** Briefs as stored: written by the gateway with its planning job, read by the planners. */
public class Briefs {

    /** A brief's row as the API shows it. */
    public record Row(Brief brief, List<String> defaulted, UUID jobId, Instant createdAt) {
    }

    private static final TypeReference<List<MediaRef>> REFS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public Briefs(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** In the caller's transaction, after its planning job (the row names it). */
    public void insert(Brief brief, List<String> defaulted, UUID jobId, UUID keyId) {
        jdbc.sql("""
                insert into briefs (id, client_id, campaign_id, text, product, audience, key_message, call_to_action,
                                    platform, duration_s, aspect_ratio, tone, refs, defaulted, job_id, created_by_key)
                values (:id, :clientId, :campaignId, :text, :product, :audience, :keyMessage, :callToAction,
                        :platform, :durationS, :aspectRatio, :tone, cast(:refs as jsonb), cast(:defaulted as jsonb),
                        :jobId, :keyId)
                """).param("id", brief.id()).param("clientId", brief.clientId()).param("campaignId", brief.campaignId())
                .param("text", brief.text()).param("product", brief.product()).param("audience", brief.audience())
                .param("keyMessage", brief.keyMessage()).param("callToAction", brief.callToAction())
                .param("platform", brief.platform()).param("durationS", brief.durationS())
                .param("aspectRatio", brief.aspectRatio()).param("tone", brief.tone())
                .param("refs", json.writeValueAsString(brief.references()))
                .param("defaulted", json.writeValueAsString(defaulted)).param("jobId", jobId).param("keyId", keyId)
                .update();
    }

    public Optional<Row> find(UUID id) {
        return jdbc.sql(SELECT + " where id = :id").param("id", id).query((rs, n) -> row(rs)).optional();
    }

    /** Newest first, {@code limit} rows before the position (created_at, id). */
    public List<Row> ofCampaign(UUID campaignId, Instant beforeAt, UUID beforeId, int limit) {
        return jdbc.sql(SELECT + """
                 where campaign_id = :campaignId and (created_at, id) < (:at, :id)
                order by created_at desc, id desc limit :limit
                """).param("campaignId", campaignId)
                .param("at", java.time.OffsetDateTime.ofInstant(beforeAt, java.time.ZoneOffset.UTC)).param("id", beforeId)
                .param("limit", limit).query((rs, n) -> row(rs)).list();
    }

    private static final String SELECT = """
            select id, client_id, campaign_id, text, product, audience, key_message, call_to_action, platform, duration_s,
                   aspect_ratio, tone, refs::text as refs, defaulted::text as defaulted, job_id, created_at from briefs""";

    private Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        var brief = new Brief(rs.getObject("id", UUID.class), rs.getObject("client_id", UUID.class),
                rs.getObject("campaign_id", UUID.class), rs.getString("text"), rs.getString("product"),
                rs.getString("audience"), rs.getString("key_message"), rs.getString("call_to_action"),
                rs.getString("platform"), rs.getInt("duration_s"), rs.getString("aspect_ratio"), rs.getString("tone"),
                json.readValue(rs.getString("refs"), REFS));
        return new Row(brief, json.readValue(rs.getString("defaulted"), NAMES), rs.getObject("job_id", UUID.class),
                rs.getTimestamp("created_at").toInstant());
    }
}
