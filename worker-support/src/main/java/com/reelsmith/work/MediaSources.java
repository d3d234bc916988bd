package com.reelsmith.work;

import com.reelsmith.model.MediaRef;
import com.reelsmith.platform.jdbc.Rows;
import com.reelsmith.platform.media.MediaStore;
import com.reelsmith.provider.ReferenceImage;
import com.reelsmith.provider.VideoFrames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Loads the media a job refers to, as image bytes for a provider: an uploaded asset, a
 * generated image, or the first frame of a generated video. Only the job's own client's media.
 */
public class MediaSources {

    record Stored(String storageKey, String contentType, String freshProviderUrl) {
    }

    private final JdbcClient jdbc;
    private final MediaStore store;

    public MediaSources(JdbcClient jdbc, MediaStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    /** The media as bytes, with the provider's URL when a generated image's is under 50 minutes old. */
    public Optional<LoadedMedia> load(MediaRef ref, UUID clientId) {
        String sql = switch (ref.type()) {
            case MediaRef.ASSET -> "select storage_key, content_type, null as fresh_provider_url from assets";
            // Replicate deletes outputs after an hour: its URL is only worth giving back well before that
            case MediaRef.IMAGE -> """
                    select storage_key, content_type,
                           case when created_at > now() - interval '50 minutes' then provider_url end as fresh_provider_url
                    from generated_images""";
            case MediaRef.VIDEO -> "select storage_key, content_type, null as fresh_provider_url from generated_videos";
            default -> throw new IllegalArgumentException("unknown media reference type " + ref.type());
        };
        return jdbc.sql(sql + " where id = :id and client_id = :clientId")
                .param("id", ref.id()).param("clientId", clientId).query(Rows.of(Stored.class)).optional()
                .map(stored -> {
                    byte[] bytes = read(stored.storageKey());
                    return MediaRef.VIDEO.equals(ref.type())
                            ? new LoadedMedia(ref, new ReferenceImage(VideoFrames.firstFramePng(bytes), "image/png"), null)
                            : new LoadedMedia(ref, new ReferenceImage(bytes, stored.contentType()), stored.freshProviderUrl());
                });
    }

    private byte[] read(String key) {
        try {
            return store.get(key).getContentAsByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("media " + key + " is missing from the store", e);
        }
    }
}
