package com.reelsmith.gateway.briefs;

import com.reelsmith.gateway.brand.BrandRules;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.platform.brand.BrandGuidelines;
import com.reelsmith.model.MediaRef;
import com.reelsmith.platform.storyboards.Brief;
import com.reelsmith.platform.storyboards.PlatformDefaults;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The checks a brief's fields get, each refusal naming its field. */
@Component
class BriefChecks {

    static final int MAX_REFERENCES = 10;

    private final JdbcClient jdbc;
    private final BrandRules brand;

    BriefChecks(JdbcClient jdbc, BrandRules brand) {
        this.jdbc = jdbc;
        this.brand = brand;
    }

    String text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ApiException.missing(field);
            }
            return null;
        }
        if (value.length() > max) {
            throw ApiException.invalid(field, field + " must be at most " + max + " characters");
        }
        return value.trim();
    }

    String oneOf(String field, String value, List<String> allowed) {
        if (!allowed.contains(value)) {
            throw ApiException.invalid(field, field + " must be one of " + String.join(", ", allowed));
        }
        return value;
    }

    int duration(int seconds) {
        if (seconds < PlatformDefaults.MIN_DURATION_S || seconds > PlatformDefaults.MAX_DURATION_S) {
            throw ApiException.invalid("duration_s", "duration_s must be between " + PlatformDefaults.MIN_DURATION_S
                    + " and " + PlatformDefaults.MAX_DURATION_S + " seconds");
        }
        return seconds;
    }

    /** Reference assets and generated images: each must be the client's own (else 404 naming the field). */
    List<MediaRef> references(UUID clientId, List<UUID> assetIds, List<UUID> imageIds) {
        List<MediaRef> refs = new ArrayList<>();
        add(refs, clientId, "asset_ids", "assets", MediaRef.ASSET, assetIds);
        add(refs, clientId, "image_ids", "generated_images", MediaRef.IMAGE, imageIds);
        if (refs.size() > MAX_REFERENCES) {
            throw ApiException.invalid("asset_ids", "at most " + MAX_REFERENCES + " references in all");
        }
        return refs;
    }

    /** Every field of the brief ends up in prompts: none may hold a word the client's brand bans (422). */
    void brandAllows(UUID clientId, Brief brief) {
        brand.allowed(clientId, BrandGuidelines.fields("text", brief.text(), "product", brief.product(), "audience",
                brief.audience(), "key_message", brief.keyMessage(), "call_to_action", brief.callToAction(), "tone",
                brief.tone()));
    }

    private void add(List<MediaRef> refs, UUID clientId, String field, String table, String type, List<UUID> ids) {
        if (ids == null) {
            return;
        }
        for (int i = 0; i < ids.size(); i++) {
            UUID id = ids.get(i);
            if (id == null) {
                throw ApiException.invalid(field + "[" + i + "]", field + " must hold ids");
            }
            // as for generations: an asset must be a live image, not a deleted one or a video or audio bed
            String live = MediaRef.ASSET.equals(type) ? " and deleted_at is null and kind = 'image'" : "";
            boolean visible = jdbc.sql("select exists (select 1 from " + table + " where id = :id and client_id = :clientId"
                            + live + ")")
                    .param("id", id).param("clientId", clientId).query(Boolean.class).single();
            if (!visible) {
                throw new ApiException(HttpStatus.NOT_FOUND, "not_found", "no " + type + " with id " + id, field + "[" + i + "]");
            }
            refs.add(new MediaRef(type, id));
        }
    }
}
