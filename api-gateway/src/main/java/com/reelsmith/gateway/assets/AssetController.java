package com.reelsmith.gateway.assets;

import com.reelsmith.gateway.system.Refuses;
import org.springframework.web.bind.annotation.ResponseStatus;
import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.campaigns.CampaignAccess;
import com.reelsmith.gateway.generation.RateLimits;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.platform.media.MediaStore;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Images a client uploads to a campaign (logos, product shots) to use as references and start frames. */
@RestController
class AssetController {

    record AssetView(UUID id, UUID campaignId, String filename, String contentType, long bytes, Integer width,
                     Integer height, String sha256, Instant createdAt, Map<String, String> links) {
        static AssetView of(AssetRepository.AssetRow a) {
            return new AssetView(a.id(), a.campaignId(), a.filename(), a.contentType(), a.bytes(), a.width(),
                    a.height(), a.sha256(), a.createdAt(),
                    Map.of("self", "/api/v2/assets/" + a.id(), "data", "/api/v2/assets/" + a.id() + "/data"));
        }
    }

    private final AssetRepository assets;
    private final CampaignAccess campaigns;
    private final MediaStore media;
    private final AssetProperties properties;
    private final RateLimits rateLimits;

    AssetController(AssetRepository assets, CampaignAccess campaigns, MediaStore media, AssetProperties properties,
                    RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.assets = assets;
        this.campaigns = campaigns;
        this.media = media;
        this.properties = properties;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @Refuses({409, 413, 415})
    @PostMapping(path = "/api/v2/campaigns/{campaignId}/assets", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<AssetView> upload(Caller caller, @PathVariable UUID campaignId,
                                     @RequestPart("file") MultipartFile file) throws IOException {
        var campaign = campaigns.visible(caller, campaignId);
        rateLimits.acquireUpload(caller);
        if (file.isEmpty()) {
            throw ApiException.invalid("file", "the file is empty");
        }
        if (file.getSize() > properties.maxBytes().toBytes()) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
                    "the file is " + file.getSize() + " bytes; the limit is " + properties.maxBytes().toBytes(), "file");
        }
        String filename = cleanName(file.getOriginalFilename());
        byte[] bytes = file.getBytes();
        var inspected = ImageInspector.inspect(bytes);
        var stored = media.put(bytes, inspected.contentType());
        var row = assets.insert(new AssetRepository.AssetRow(UUID.randomUUID(), campaign.clientId(), campaign.id(),
                filename, inspected.contentType(), stored.bytes(), inspected.width(),
                inspected.height(), stored.sha256(), stored.key(), null));
        return ResponseEntity.status(HttpStatus.CREATED).body(AssetView.of(row));
    }

    @GetMapping("/api/v2/assets/{id}")
    AssetView get(Caller caller, @PathVariable UUID id) {
        return AssetView.of(visible(caller, id));
    }

    @GetMapping("/api/v2/assets/{id}/data")
    ResponseEntity<Resource> data(Caller caller, @PathVariable UUID id) {
        var asset = visible(caller, id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(asset.contentType()))
                .eTag("\"" + asset.sha256() + "\"")
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePrivate().immutable())
                .body(media.get(asset.storageKey()));
    }

    private AssetRepository.AssetRow visible(Caller caller, UUID id) {
        return assets.find(id).filter(a -> caller.canSee(a.clientId()))
                .orElseThrow(() -> ApiException.notFound("asset", id));
    }

    private static String cleanName(String original) {
        if (original == null || original.isBlank()) {
            return null;
        }
        if (original.indexOf('\0') >= 0) { // Tomcat refuses such a name today; PostgreSQL could not store it
            throw ApiException.invalid("filename", "the file name contains a NUL character; rename the file");
        }
        String name = original.replaceAll("^.*[/\\\\]", "");
        return name.length() > 255 ? name.substring(0, 255) : name;
    }
}
