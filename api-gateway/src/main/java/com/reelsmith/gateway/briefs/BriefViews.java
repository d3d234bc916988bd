package com.reelsmith.gateway.briefs;

import com.reelsmith.model.MediaRef;
import com.reelsmith.platform.jdbc.Rows;
import com.reelsmith.platform.storyboards.Briefs;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A brief as clients see it: what was written, what was defaulted, its planning job's status and its storyboard. */
@Component
class BriefViews {

    record BriefView(UUID id, UUID campaignId, String text, String product, String audience, String keyMessage,
                     String callToAction, String platform, int durationS, String aspectRatio, String tone,
                     List<MediaRef> references, List<String> defaulted, UUID jobId, String jobStatus,
                     UUID storyboardId, Instant createdAt, Map<String, String> links) {
    }

    record Planning(String status, UUID storyboardId) {
    }

    private final JdbcClient jdbc;

    BriefViews(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    BriefView of(Briefs.Row row) {
        var b = row.brief();
        var planning = jdbc.sql("""
                select j.status, s.id as storyboard_id from jobs j left join storyboards s on s.brief_id = :briefId
                where j.id = :jobId
                """).param("briefId", b.id()).param("jobId", row.jobId()).query(Rows.of(Planning.class)).single();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", "/api/v2/briefs/" + b.id());
        links.put("job", "/api/v2/jobs/" + row.jobId());
        if (planning.storyboardId() != null) {
            links.put("storyboard", "/api/v2/storyboards/" + planning.storyboardId());
        }
        return new BriefView(b.id(), b.campaignId(), b.text(), b.product(), b.audience(), b.keyMessage(),
                b.callToAction(), b.platform(), b.durationS(), b.aspectRatio(), b.tone(), b.references(),
                row.defaulted(), row.jobId(), planning.status(), planning.storyboardId(), row.createdAt(), links);
    }
}
