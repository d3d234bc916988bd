package com.reelsmith.gateway.generation;

import com.reelsmith.gateway.system.Refuses;
import org.springframework.web.bind.annotation.ResponseStatus;
import com.reelsmith.platform.pricing.PriceTable;
import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.brand.BrandRules;
import com.reelsmith.platform.brand.BrandGuidelines;
import com.reelsmith.gateway.campaigns.BudgetCheck;
import com.reelsmith.gateway.campaigns.CampaignAccess;
import com.reelsmith.gateway.campaigns.CampaignRepository;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.model.ImageJobInput;
import com.reelsmith.model.JobKind;
import com.reelsmith.model.MediaRef;
import com.reelsmith.model.VideoJobInput;
import com.reelsmith.provider.AspectRatio;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /generate/image and /generate/video: checked (a banned word of the client's brand is a 422),
 * priced, rate-limited, then accepted with 202; the job keeps the prompt as sent, brand included.
 */
@RestController
class GenerationController {

    static final Set<String> VIDEO_RATIOS = Set.of("16:9", "9:16", "1:1");

    record ImageBody(UUID campaignId, String prompt, UUID assetId, UUID imageId, UUID videoId, String aspectRatio,
                     String outputFormat, Long seed, String idempotencyKey) {
    }

    record VideoBody(UUID campaignId, String prompt, UUID imageId, UUID assetId, UUID videoId, Integer durationS,
                     String mode, String negativePrompt, String aspectRatio, Long seed, String idempotencyKey) {
    }

    record Accepted(UUID jobId, String kind, String status, BigDecimal estimatedCostUsd, Map<String, String> links) {
    }

    /**
     * A dry run: what the same generate request would cost, and whether the campaign's budget takes it
     * now (remaining_usd null: no budget). Nothing is submitted, reserved or rate-limited.
     */
    record Estimate(String kind, UUID campaignId, BigDecimal estimatedCostUsd, BigDecimal budgetUsd,
                    BigDecimal committedUsd, BigDecimal remainingUsd, boolean withinBudget) {
    }

    /** A request checked and priced, ready to submit or to quote. */
    private record Prepared(CampaignRepository.CampaignRow campaign, JobKind kind, Object asRequested, Object input,
                            BigDecimal estimate, String key) {
    }

    private final CampaignAccess campaigns;
    private final References references;
    private final JobSubmission submission;
    private final RateLimits rateLimits;
    private final PriceTable prices;
    private final BrandRules brand;
    private final boolean free;
    private final BudgetCheck budgets;

    GenerationController(CampaignAccess campaigns, References references, JobSubmission submission,
                         RateLimits rateLimits, PriceTable prices, BrandRules brand, BudgetCheck budgets,
                         @Value("${reelsmith.provider.name:local}") String provider) {
        this.budgets = budgets;
        this.brand = brand;
        this.campaigns = campaigns;
        this.references = references;
        this.submission = submission;
        this.rateLimits = rateLimits;
        this.prices = prices;
        this.free = "local".equals(provider);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @Refuses({402, 409, 422})
    @PostMapping("/api/v2/generate/image")
    ResponseEntity<Accepted> image(Caller caller, @RequestBody ImageBody body,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyHeader) {
        return accept(caller, prepareImage(caller, body, idempotencyHeader));
    }

    @Refuses({409, 422})
    @PostMapping("/api/v2/estimates/image")
    Estimate estimateImage(Caller caller, @RequestBody ImageBody body) {
        return estimate(prepareImage(caller, body, null));
    }

    private Prepared prepareImage(Caller caller, ImageBody body, String idempotencyHeader) {
        var found = campaigns.forNewWorkWithBrand(caller, required("campaign_id", body.campaignId()));
        var campaign = found.campaign();
        String prompt = text("prompt", body.prompt(), 4000);
        MediaRef reference = references.atMostOne(campaign.clientId(), body.assetId(), body.imageId(), body.videoId());
        if (prompt == null && reference == null) {
            throw ApiException.invalid("prompt", "give a prompt, a reference (asset_id, image_id or video_id), or both");
        }
        String ratio = body.aspectRatio();
        if (ratio != null && !"match_input_image".equals(ratio) && !AspectRatio.ALLOWED.contains(ratio)) {
            throw ApiException.invalid("aspect_ratio", "aspect_ratio must be one of match_input_image, "
                    + String.join(", ", AspectRatio.ALLOWED));
        }
        if ("match_input_image".equals(ratio) && reference == null) {
            throw ApiException.invalid("aspect_ratio", "match_input_image needs a reference image");
        }
        String format = body.outputFormat() == null ? "png" : body.outputFormat();
        if (!Set.of("png", "jpg").contains(format)) {
            throw ApiException.invalid("output_format", "output_format must be png or jpg");
        }
        String key = idempotencyKey(body.idempotencyKey(), idempotencyHeader);
        var brand = this.brand.allowed(found.brandGuidelines(), BrandGuidelines.fields("prompt", prompt));
        var asRequested = new ImageJobInput(prompt, ratio, format, reference, body.seed(), null);
        var input = new ImageJobInput(prompt, ratio, format, reference, seedOr(body.seed()), brand.applyTo(prompt));
        return new Prepared(campaign, JobKind.IMAGE, asRequested, input, prices.image(free), key);
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @Refuses({402, 409, 422})
    @PostMapping("/api/v2/generate/video")
    ResponseEntity<Accepted> video(Caller caller, @RequestBody VideoBody body,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyHeader) {
        return accept(caller, prepareVideo(caller, body, idempotencyHeader));
    }

    @Refuses({409, 422})
    @PostMapping("/api/v2/estimates/video")
    Estimate estimateVideo(Caller caller, @RequestBody VideoBody body) {
        return estimate(prepareVideo(caller, body, null));
    }

    private Prepared prepareVideo(Caller caller, VideoBody body, String idempotencyHeader) {
        var found = campaigns.forNewWorkWithBrand(caller, required("campaign_id", body.campaignId()));
        var campaign = found.campaign();
        String prompt = text("prompt", body.prompt(), 2500);
        if (prompt == null) {
            throw ApiException.missing("prompt");
        }
        MediaRef start = references.atMostOne(campaign.clientId(), body.assetId(), body.imageId(), body.videoId());
        int duration = body.durationS() == null ? 5 : body.durationS();
        if (duration != 5 && duration != 10) {
            throw ApiException.invalid("duration_s", "duration_s must be 5 or 10");
        }
        String mode = body.mode() == null ? "standard" : body.mode();
        if (!Set.of("standard", "pro").contains(mode)) {
            throw ApiException.invalid("mode", "mode must be standard (720p) or pro (1080p)");
        }
        if (body.aspectRatio() != null && !VIDEO_RATIOS.contains(body.aspectRatio())) {
            throw ApiException.invalid("aspect_ratio", "aspect_ratio must be one of 16:9, 9:16, 1:1");
        }
        String negative = text("negative_prompt", body.negativePrompt(), 2500);
        String key = idempotencyKey(body.idempotencyKey(), idempotencyHeader);
        var brand = this.brand.allowed(found.brandGuidelines(),
                BrandGuidelines.fields("prompt", prompt, "negative_prompt", negative));
        var asRequested = new VideoJobInput(prompt, negative, duration, mode, body.aspectRatio(), start, body.seed(), null);
        var input = new VideoJobInput(prompt, negative, duration, mode, body.aspectRatio(), start, seedOr(body.seed()),
                brand.applyTo(prompt));
        return new Prepared(campaign, JobKind.VIDEO, asRequested, input,
                prices.video(free, duration, mode, start == null), key);
    }

    private Estimate estimate(Prepared prepared) {
        var campaign = prepared.campaign();
        BigDecimal committed = budgets.committed(campaign.id());
        BigDecimal budget = campaign.budgetUsd();
        BigDecimal remaining = budget == null ? null : budget.subtract(committed).max(BigDecimal.ZERO);
        return new Estimate(prepared.kind().wire(), campaign.id(), prepared.estimate(), budget, committed, remaining,
                remaining == null || prepared.estimate().compareTo(remaining) <= 0);
    }

    private ResponseEntity<Accepted> accept(Caller caller, Prepared prepared) {
        var campaign = prepared.campaign();
        JobKind kind = prepared.kind();
        Object asRequested = prepared.asRequested();
        Object input = prepared.input();
        BigDecimal estimate = prepared.estimate();
        String key = prepared.key();
        // a replay costs no permit and no budget: it is the same request, answered again
        var job = submission.replay(campaign.clientId(), key, kind, campaign.id(), asRequested).orElseGet(() -> {
            rateLimits.acquire(caller, kind);
            return submission.submit(campaign, kind, asRequested, input, estimate, key);
        });
        String self = "/api/v2/jobs/" + job.jobId();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(URI.create(self))
                .body(new Accepted(job.jobId(), job.kind().wire(), job.status(), job.estimatedCostUsd(), Map.of("self", self)));
    }

    private static UUID required(String field, UUID value) {
        if (value == null) {
            throw ApiException.missing(field);
        }
        return value;
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw ApiException.invalid(field, field + " must be at most " + max + " characters");
        }
        return value.trim();
    }

    private static String idempotencyKey(String fromBody, String fromHeader) {
        String key = fromBody != null ? fromBody : fromHeader;
        if (key != null && (key.isBlank() || key.length() > 200)) {
            throw ApiException.invalid("idempotency_key", "idempotency_key must be 1 to 200 characters");
        }
        if (fromBody != null && fromHeader != null && !fromBody.equals(fromHeader)) {
            throw ApiException.invalid("idempotency_key", "the Idempotency-Key header and idempotency_key differ");
        }
        return key;
    }

    private static long seedOr(Long seed) {
        return seed != null ? seed : ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE);
    }
}
