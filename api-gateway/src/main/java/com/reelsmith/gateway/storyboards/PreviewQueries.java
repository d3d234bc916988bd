package com.reelsmith.gateway.storyboards;

import com.reelsmith.platform.jdbc.Rows;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** A storyboard's current preview per scene (the newest), with its image job's status and image. */
@Component
class PreviewQueries {

    record Row(String sceneId, UUID jobId, String status, int version, boolean approved, UUID imageId) {
    }

    private final JdbcClient jdbc;

    PreviewQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<StoryboardViews.PreviewView> current(UUID storyboardId) {
        return jdbc.sql("""
                select distinct on (p.scene_id) p.scene_id, p.job_id, j.status, p.version, p.approved,
                       case when j.status = 'succeeded' then j.result_id end as image_id
                from storyboard_previews p join jobs j on j.id = p.job_id
                where p.storyboard_id = :id order by p.scene_id, p.created_at desc, p.job_id
                """).param("id", storyboardId).query(Rows.of(Row.class)).list().stream()
                .map(r -> new StoryboardViews.PreviewView(r.sceneId(), r.jobId(), r.status(), r.version(), r.approved(),
                        r.imageId(), r.imageId() == null ? Map.of("job", "/api/v2/jobs/" + r.jobId())
                        : Map.of("job", "/api/v2/jobs/" + r.jobId(), "image", "/api/images/" + r.imageId())))
                .toList();
    }
}
