package com.reelsmith.gateway.assets;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.campaigns.CampaignAccess;
import com.reelsmith.gateway.generation.RateLimits;
import com.reelsmith.gateway.outbound.PinnedHttp;
import com.reelsmith.gateway.outbound.PublicTargets;
import com.reelsmith.gateway.outbound.RefusedTarget;
import com.reelsmith.gateway.outbound.Target;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.gateway.system.Page;
import com.reelsmith.gateway.system.Refuses;
import com.reelsmith.platform.media.MediaStore;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * A client's asset library: images (logos, product shots; references and start frames), short
 * videos and audio beds, uploaded or imported from a URL, listed per campaign or per client,
 * each with a thumbnail when it is an image or a decodable video. The type is told from the
 * bytes; the size is bounded (413). Deleting an asset removes it from the library and its links;
 * a job that already references it still reads it (the bytes stay in the content-addressed store,
 * where identical uploads share them), and new jobs cannot reference it.
 */
@RestController
class AssetController {

    static final List<String> KINDS = List.of(AssetTypes.IMAGE, AssetTypes.VIDEO, AssetTypes.AUDIO);

    record AssetView(UUID id, UUID clientId, UUID campaignId, String filename, String type, String contentType,
                     long bytes, Integer width, Integer height, String sha256, String sourceUrl, Instant createdAt,
                     Map<String, String> links) {
        static AssetView of(AssetRepository.AssetRow a) {
            Map<String, String> links = new LinkedHashMap<>();
            links.put("self", "/api/v2/assets/" + a.id());
            links.put("data", "/api/v2/assets/" + a.id() + "/data");
            if (a.thumbnailKey() != null) {
                links.put("thumbnail", "/api/v2/assets/" + a.id() + "/thumbnail");
            }
            return new AssetView(a.id(), a.clientId(), a.campaignId(), a.filename(), a.kind(), a.contentType(),
                    a.bytes(), a.width(), a.height(), a.sha256(), a.sourceUrl(), a.createdAt(), links);
        }
    }

    record ImportRequest(String url, String filename) {
    }

    private final AssetRepository assets;
    private final CampaignAccess campaigns;
    private final MediaStore media;
    private final AssetProperties properties;
    private final RateLimits rateLimits;
    private final PublicTargets targets;

    AssetController(AssetRepository assets, CampaignAccess campaigns, MediaStore media, AssetProperties properties,
                    RateLimits rateLimits, PublicTargets targets) {
        this.rateLimits = rateLimits;
        this.assets = assets;
        this.campaigns = campaigns;
        this.media = media;
        this.properties = properties;
        this.targets = targets;
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
            throw tooLarge("the file is " + file.getSize() + " bytes", "file");
        }
        var row = store(campaign.clientId(), campaign.id(), cleanName(file.getOriginalFilename()), file.getBytes(),
                null, "file");
        return ResponseEntity.status(HttpStatus.CREATED).body(AssetView.of(row));
    }

    /**
     * Fetches the URL (public addresses only, as webhooks; the connection goes to the address
     * checked) and stores it as an upload; reading stops at the size limit.
     */
    @ResponseStatus(HttpStatus.CREATED)
    @Refuses({409, 413, 415})
    @PostMapping("/api/v2/campaigns/{campaignId}/assets/import")
    ResponseEntity<AssetView> importFrom(Caller caller, @PathVariable UUID campaignId, @RequestBody ImportRequest body) {
        var campaign = campaigns.visible(caller, campaignId);
        if (body.url() == null || body.url().isBlank()) {
            throw ApiException.missing("url");
        }
        if (body.url().length() > 2000) {
            throw ApiException.invalid("url", "url is at most 2000 characters");
        }
        rateLimits.acquireUpload(caller);
        Target target;
        try {
            target = targets.check(body.url());
        } catch (RefusedTarget e) {
            throw ApiException.invalid("url", e.getMessage());
        }
        long limit = properties.maxBytes().toBytes();
        PinnedHttp.Response response;
        try {
            response = PinnedHttp.get(target, properties.importTimeout(), limit);
        } catch (PinnedHttp.TooLarge e) {
            throw tooLarge("the file at url is larger than the limit", "url");
        } catch (IOException e) {
            throw ApiException.invalid("url", "could not fetch the url: " + e.getMessage());
        }
        if (response.status() != 200) {
            throw ApiException.invalid("url", "the url answered HTTP " + response.status() + " (only 200 is imported; "
                    + "redirects are not followed: give the final URL)");
        }
        if (response.body().length == 0) {
            throw ApiException.invalid("url", "the url answered with an empty body");
        }
        String name = body.filename() != null ? cleanName(body.filename()) : cleanName(target.uri().getPath());
        var row = store(campaign.clientId(), campaign.id(), name, response.body(), body.url().trim(), "url");
        return ResponseEntity.status(HttpStatus.CREATED).body(AssetView.of(row));
    }

    @GetMapping("/api/v2/campaigns/{campaignId}/assets")
    Page<AssetView> listOfCampaign(Caller caller, @PathVariable UUID campaignId,
                                   @RequestParam(required = false) String type,
                                   @RequestParam(required = false) Integer limit,
                                   @RequestParam(required = false) String cursor) {
        campaigns.visible(caller, campaignId);
        int n = Cursor.limit(limit);
        return Page.of(assets.list(null, campaignId, checkedKind(type), Cursor.decode(cursor), n), n,
                a -> new Cursor(a.createdAt(), a.id())).map(AssetView::of);
    }

    /** The client's whole library; an admin sees every client's, or one's with client_id. */
    @GetMapping("/api/v2/assets")
    Page<AssetView> listOfClient(Caller caller, @RequestParam(name = "client_id", required = false) UUID clientId,
                                 @RequestParam(required = false) String type,
                                 @RequestParam(required = false) Integer limit,
                                 @RequestParam(required = false) String cursor) {
        if (!caller.isAdmin() && clientId != null && !clientId.equals(caller.clientId())) {
            throw ApiException.invalid("client_id", "client_id can only be given with an admin key; leave it out");
        }
        UUID scope = caller.isAdmin() ? clientId : caller.clientId();
        int n = Cursor.limit(limit);
        return Page.of(assets.list(scope, null, checkedKind(type), Cursor.decode(cursor), n), n,
                a -> new Cursor(a.createdAt(), a.id())).map(AssetView::of);
    }

    @GetMapping("/api/v2/assets/{id}")
    AssetView get(Caller caller, @PathVariable UUID id) {
        return AssetView.of(visible(caller, id));
    }

    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/api/v2/assets/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable UUID id) {
        visible(caller, id);
        if (!assets.delete(id)) {
            throw ApiException.notFound("asset", id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v2/assets/{id}/data")
    ResponseEntity<Resource> data(Caller caller, @PathVariable UUID id) {
        var asset = visible(caller, id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(asset.contentType()))
                .eTag("\"" + asset.sha256() + "\"")
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePrivate().immutable())
                .body(media.get(asset.storageKey()));
    }

    /** A small JPEG of an image or of a video's first frame; 404 for audio and videos we cannot decode. */
    @ApiResponse(responseCode = "200", description = "a JPEG thumbnail",
            content = @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")))
    @GetMapping("/api/v2/assets/{id}/thumbnail")
    ResponseEntity<Resource> thumbnail(Caller caller, @PathVariable UUID id) {
        var asset = visible(caller, id);
        if (asset.thumbnailKey() == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "no_thumbnail", "this " + asset.kind()
                    + " asset has no thumbnail (audio has none; a video only when its first frame can be decoded)", null);
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG)
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(365)).cachePrivate().immutable())
                .body(media.get(asset.thumbnailKey()));
    }

    private AssetRepository.AssetRow store(UUID clientId, UUID campaignId, String filename, byte[] bytes,
                                           String sourceUrl, String field) {
        var sniffed = AssetTypes.sniff(bytes).orElseThrow(() -> new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type", "the file is not one we accept: images (PNG, JPEG, WebP, GIF), videos "
                + "(MP4, MOV, WebM) or audio (MP3, WAV, Ogg, M4A), told from its bytes", field));
        Integer width = null;
        Integer height = null;
        String contentType = sniffed.contentType();
        if (sniffed.kind().equals(AssetTypes.IMAGE)) {
            var inspected = ImageInspector.inspect(bytes); // decodes (bounded) and refuses a broken image
            width = inspected.width();
            height = inspected.height();
            contentType = inspected.contentType();
        }
        var stored = media.put(bytes, contentType);
        String thumbnailKey = Thumbnails.of(sniffed.kind(), bytes).map(jpeg -> media.put(jpeg, "image/jpeg").key())
                .orElse(null);
        return assets.insert(new AssetRepository.AssetRow(UUID.randomUUID(), clientId, campaignId, filename,
                sniffed.kind(), contentType, stored.bytes(), width, height, stored.sha256(), stored.key(), thumbnailKey,
                sourceUrl, null));
    }

    private static String checkedKind(String type) {
        if (type != null && !KINDS.contains(type)) {
            throw ApiException.invalid("type", "type must be one of image, video, audio");
        }
        return type;
    }

    private ApiException tooLarge(String what, String field) {
        return new ApiException(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large",
                what + "; the limit is " + properties.maxBytes().toBytes(), field);
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
        if (name.isBlank()) {
            return null;
        }
        return name.length() > 255 ? name.substring(0, 255) : name;
    }
}
