package com.reelsmith.gateway.media;

import com.reelsmith.gateway.system.NoApiKey;
import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.campaigns.CampaignAccess;
import com.reelsmith.gateway.clients.ClientRepository;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.gateway.system.Page;
import com.reelsmith.platform.media.MediaStore;
import java.time.Duration;
import java.util.UUID;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Generated media: metadata (with a signed data_url), the bytes (HTTP Range, ETag, the stored
 * Content-Type; with a key or a signed link), and the newest-first lists per client and campaign.
 */
@RestController
class MediaController {

    private final MediaQueries media;
    private final MediaLinks links;
    private final MediaStore store;
    private final CampaignAccess campaigns;
    private final ClientRepository clients;

    MediaController(MediaQueries media, MediaLinks links, MediaStore store, CampaignAccess campaigns,
                    ClientRepository clients) {
        this.media = media;
        this.links = links;
        this.store = store;
        this.campaigns = campaigns;
        this.clients = clients;
    }

    @GetMapping("/api/{kind:images|videos}/{id}")
    MediaView metadata(Caller caller, @PathVariable String kind, @PathVariable UUID id) {
        return MediaView.of(kind, visible(caller, kind, id), links);
    }

    /** Media bytes never change (content addressed), so they may be cached for long. */
    /** Also a finished ad's and an export's bytes (their metadata is at /api/v2/ads/{id}). */
    @NoApiKey(value = "a signed link (the data_url of the media, with expires and signature) or an API key", keyAccepted = true)
    @GetMapping("/api/{kind:images|videos|ads|exports}/{id}/data")
    ResponseEntity<Resource> data(Caller caller, @PathVariable String kind, @PathVariable UUID id,
                                  @RequestParam(required = false) Long expires,
                                  @RequestParam(required = false) String signature) {
        MediaQueries.MediaRow row;
        if (caller != null) {
            row = visible(caller, kind, id);
        } else {
            links.verify(kind, id, expires, signature);
            row = media.find(kind, id).orElseThrow(() -> ApiException.notFound(kind.substring(0, kind.length() - 1), id));
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(row.contentType()))
                .eTag("\"" + row.sha256() + "\"")
                .header("Accept-Ranges", "bytes")
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)).cachePrivate())
                .body(store.get(row.storageKey()));
    }

    @GetMapping("/api/v2/campaigns/{id}/generated-{kind:images|videos}")
    Page<MediaView> ofCampaign(Caller caller, @PathVariable UUID id, @PathVariable String kind,
                               @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        campaigns.visible(caller, id);
        return page(kind, "campaign_id", id, limit, cursor);
    }

    @GetMapping("/api/v2/clients/{id}/generated-{kind:images|videos}")
    Page<MediaView> ofClient(Caller caller, @PathVariable UUID id, @PathVariable String kind,
                             @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        if (!caller.canSee(id) || clients.find(id).isEmpty()) {
            throw ApiException.notFound("client", id);
        }
        return page(kind, "client_id", id, limit, cursor);
    }

    private Page<MediaView> page(String kind, String owner, UUID ownerId, Integer limit, String cursor) {
        int n = Cursor.limit(limit);
        return Page.of(media.list(kind, owner, ownerId, Cursor.decode(cursor), n), n,
                r -> new Cursor(r.createdAt(), r.id())).map(r -> MediaView.of(kind, r, links));
    }

    private MediaQueries.MediaRow visible(Caller caller, String kind, UUID id) {
        return media.find(kind, id).filter(m -> caller.canSee(m.clientId()))
                .orElseThrow(() -> ApiException.notFound(kind.substring(0, kind.length() - 1), id));
    }
}
