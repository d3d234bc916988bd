package com.reelsmith.gateway.productions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.media.MediaLinks;
import com.reelsmith.gateway.system.AlsoOk;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.gateway.system.Refuses;
import com.reelsmith.platform.jdbc.Rows;
import com.reelsmith.platform.productions.ProductionOrders;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ads: a finished production's result (metadata, a signed {@code data_url}, its exports) and its
 * exports in another format, resolution or aspect ratio, each an export job. An identical export
 * request answers with the export already asked for (200), a new one with its job (202).
 */
@RestController
class AdController {

    static final List<String> FORMATS = List.of("mp4", "mov", "webm");
    static final List<Integer> RESOLUTIONS = List.of(480, 720, 1080);
    static final List<String> ASPECT_RATIOS = List.of("16:9", "9:16", "1:1", "4:5");

    record ExportBody(String format, Integer resolution, String aspectRatio) {
    }

    record AdRow(UUID id, UUID clientId, UUID campaignId, UUID productionJobId, UUID storyboardId, int version,
                 String aspectRatio, String contentType, long bytes, int width, int height, int durationMs, String sha256,
                 String music, Instant createdAt) {
    }

    record ExportRow(UUID id, UUID jobId, String status, String format, int resolution, String aspectRatio,
                     String contentType, Long bytes, Integer width, Integer height, Integer durationMs, String sha256,
                     Instant createdAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ExportView(UUID id, UUID adId, UUID jobId, String status, String format, int resolution, String aspectRatio,
                      String contentType, Long bytes, Integer width, Integer height, Integer durationMs, String sha256,
                      Instant createdAt, String dataUrl, Map<String, String> links) {
    }

    record AdView(UUID id, String kind, UUID productionJobId, UUID storyboardId, int storyboardVersion, UUID campaignId,
                  String aspectRatio, String contentType, long bytes, int width, int height, int durationMs,
                  String sha256, String music, Instant createdAt, String dataUrl, List<ExportView> exports,
                  Map<String, String> links) {
    }

    private final JdbcClient jdbc;
    private final ProductionOrders orders;
    private final MediaLinks links;
    private final TransactionTemplate transaction;

    AdController(JdbcClient jdbc, ProductionOrders orders, MediaLinks links, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.links = links;
        this.transaction = transaction;
    }

    @GetMapping("/api/v2/ads/{id}")
    AdView get(Caller caller, @PathVariable UUID id) {
        AdRow ad = visible(caller, id);
        List<ExportView> exports = jdbc.sql(EXPORTS + " where e.ad_id = :id order by e.created_at")
                .param("id", id).query(Rows.of(ExportRow.class)).list().stream().map(e -> view(id, e)).toList();
        Map<String, String> adLinks = new LinkedHashMap<>();
        adLinks.put("self", "/api/v2/ads/" + id);
        adLinks.put("exports", "/api/v2/ads/" + id + "/exports");
        adLinks.put("production", "/api/v2/jobs/" + ad.productionJobId());
        adLinks.put("storyboard", "/api/v2/storyboards/" + ad.storyboardId());
        return new AdView(ad.id(), "ad", ad.productionJobId(), ad.storyboardId(), ad.version(), ad.campaignId(),
                ad.aspectRatio(), ad.contentType(), ad.bytes(), ad.width(), ad.height(), ad.durationMs(), ad.sha256(),
                ad.music(), ad.createdAt(), links.dataUrl("ads", ad.id()), exports, adLinks);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @AlsoOk("the same export (format, resolution, aspect ratio), asked for before")
    @Refuses({409})
    @PostMapping("/api/v2/ads/{id}/exports")
    ResponseEntity<ExportView> export(Caller caller, @PathVariable UUID id, @RequestBody(required = false) ExportBody body,
                                      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        AdRow ad = visible(caller, id);
        if (body == null || body.format() == null) {
            throw ApiException.missing("format");
        }
        if (!FORMATS.contains(body.format())) {
            throw ApiException.invalid("format", "format must be one of mp4, mov, webm");
        }
        if (body.resolution() == null) {
            throw ApiException.missing("resolution");
        }
        if (!RESOLUTIONS.contains(body.resolution())) {
            throw ApiException.invalid("resolution", "resolution must be 480, 720 or 1080");
        }
        if (body.aspectRatio() != null && !ASPECT_RATIOS.contains(body.aspectRatio())) {
            throw ApiException.invalid("aspect_ratio", "aspect_ratio must be one of 16:9, 9:16, 1:1, 4:5");
        }
        String key = Keys.checked(idempotencyKey);
        String ratio = body.aspectRatio() == null ? ad.aspectRatio() : body.aspectRatio();
        if (key != null) {
            var named = Keys.jobNamed(jdbc, ad.clientId(), key);
            if (named.isPresent()) {
                var same = orders.findExport(id, body.format(), body.resolution(), ratio)
                        .filter(e -> e.jobId().equals(named.get()));
                if (same.isEmpty()) {
                    throw Keys.reused(named.get());
                }
                return ResponseEntity.ok(exportView(id, same.get().exportId()));
            }
        }
        ProductionOrders.Export export;
        try {
            export = transaction.execute(status -> orders.export(id, body.format(), body.resolution(), ratio, key,
                    key == null ? null : Keys.hash("export|" + id + "|" + body.format() + "|" + body.resolution() + "|"
                            + ratio)));
        } catch (DuplicateKeyException concurrent) {
            // an identical request committed first: answer with its export
            export = orders.findExport(id, body.format(), body.resolution(), ratio).orElseThrow(() -> concurrent);
        }
        return ResponseEntity.status(export.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(exportView(id, export.exportId()));
    }

    private static final String EXPORTS = """
            select e.id, e.job_id, j.status, e.format, e.resolution, e.aspect_ratio, e.content_type, e.bytes, e.width,
                   e.height, e.duration_ms, e.sha256, e.created_at
            from ad_exports e join jobs j on j.id = e.job_id""";

    private ExportView exportView(UUID adId, UUID exportId) {
        return view(adId, jdbc.sql(EXPORTS + " where e.id = :id").param("id", exportId)
                .query(Rows.of(ExportRow.class)).single());
    }

    private ExportView view(UUID adId, ExportRow e) {
        Map<String, String> exportLinks = new LinkedHashMap<>();
        exportLinks.put("job", "/api/v2/jobs/" + e.jobId());
        exportLinks.put("ad", "/api/v2/ads/" + adId);
        return new ExportView(e.id(), adId, e.jobId(), e.status(), e.format(), e.resolution(), e.aspectRatio(),
                e.contentType(), e.bytes(), e.width(), e.height(), e.durationMs(), e.sha256(), e.createdAt(),
                e.sha256() == null ? null : links.dataUrl("exports", e.id()), exportLinks);
    }

    private AdRow visible(Caller caller, UUID id) {
        return jdbc.sql("""
                select id, client_id, campaign_id, production_job_id, storyboard_id, version, aspect_ratio, content_type,
                       bytes, width, height, duration_ms, sha256, music, created_at
                from ads where id = :id
                """).param("id", id).query(Rows.of(AdRow.class)).optional().filter(a -> caller.canSee(a.clientId()))
                .orElseThrow(() -> ApiException.notFound("ad", id));
    }
}
