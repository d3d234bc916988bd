package com.reelsmith.gateway.generation;

import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.model.MediaRef;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Turns asset_id / image_id / video_id into one checked reference to the client's own media. */
@Component
class References {

    private final JdbcClient jdbc;

    References(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** At most one reference; it must exist and belong to {@code clientId} (else 404 naming the field). */
    MediaRef atMostOne(UUID clientId, UUID assetId, UUID imageId, UUID videoId) {
        List<MediaRef> given = new ArrayList<>();
        if (assetId != null) {
            given.add(new MediaRef(MediaRef.ASSET, assetId));
        }
        if (imageId != null) {
            given.add(new MediaRef(MediaRef.IMAGE, imageId));
        }
        if (videoId != null) {
            given.add(new MediaRef(MediaRef.VIDEO, videoId));
        }
        if (given.size() > 1) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "too_many_references",
                    "give at most one of asset_id, image_id, video_id", given.get(1).type() + "_id");
        }
        if (given.isEmpty()) {
            return null;
        }
        MediaRef ref = given.get(0);
        String table = switch (ref.type()) {
            case MediaRef.ASSET -> "assets";
            case MediaRef.IMAGE -> "generated_images";
            default -> "generated_videos";
        };
        // an asset must be a live image: a deleted one, or a video or audio bed, is no image reference
        String live = ref.type().equals(MediaRef.ASSET) ? " and deleted_at is null and kind = 'image'" : "";
        boolean visible = jdbc.sql("select exists (select 1 from " + table + " where id = :id and client_id = :clientId"
                        + live + ")")
                .param("id", ref.id()).param("clientId", clientId).query(Boolean.class).single();
        if (!visible) {
            throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "no " + ref.type() + " with id " + ref.id(),
                    ref.type() + "_id");
        }
        return ref;
    }
}
