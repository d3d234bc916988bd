package com.reelsmith.gateway.media;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/** A generated image or video as clients see it; {@code data_url} is a signed link to the bytes. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MediaView(UUID id, String kind, UUID jobId, UUID campaignId, String prompt, String contentType, long bytes,
                        int width, int height, Integer durationMs, Integer fps, UUID sourceImageId, String sha256,
                        Instant createdAt, String dataUrl) {

    /** kind: "images" or "videos", as in the path. */
    public static MediaView of(String kind, MediaQueries.MediaRow row, MediaLinks links) {
        return new MediaView(row.id(), "videos".equals(kind) ? "video" : "image", row.jobId(), row.campaignId(),
                row.prompt(), row.contentType(), row.bytes(), row.width(), row.height(), row.durationMs(), row.fps(),
                row.sourceImageId(), row.sha256(), row.createdAt(), links.dataUrl(kind, row.id()));
    }
}
