package com.reelsmith.gateway.productions;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.system.AlsoOk;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.gateway.system.Refuses;
import com.reelsmith.platform.pricing.CampaignBudget;
import com.reelsmith.platform.pricing.PriceTable;
import com.reelsmith.platform.productions.ProductionOrders;
import com.reelsmith.platform.storyboards.StoryboardStatus;
import com.reelsmith.platform.storyboards.Storyboards;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Production: an approved storyboard becomes an ad (a job of kind {@code ad}). Producing is
 * idempotent (one production per approved version; a second call answers with the first), and a
 * failed production's scene is retried by a new production that names it ({@code retry_of}),
 * adopts every clip it made and makes only the rest. Tenancy as for storyboards: another client's
 * storyboard or job is not found.
 */
@RestController
class ProductionController {

    record RetrySceneBody(String sceneId) {
    }

    /** The production job as accepted; the job itself is at {@code links.self}. */
    record Accepted(UUID jobId, String kind, String status, UUID storyboardId, int version, UUID retryOf,
                    BigDecimal estimatedCostUsd, Map<String, String> links) {
    }

    private final Storyboards storyboards;
    private final ProductionOrders orders;
    private final CampaignBudget budget;
    private final PriceTable prices;
    private final boolean free;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    ProductionController(Storyboards storyboards, ProductionOrders orders, CampaignBudget budget, PriceTable prices,
                         @Value("${reelsmith.provider.name:local}") String provider, JdbcClient jdbc,
                         TransactionTemplate transaction) {
        this.storyboards = storyboards;
        this.orders = orders;
        this.budget = budget;
        this.prices = prices;
        this.free = "local".equals(provider);
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    @ResponseStatus(HttpStatus.ACCEPTED)
    @AlsoOk("the production of this approved version, produced before (or named by the same Idempotency-Key)")
    @Refuses({409})
    @PostMapping("/api/v2/storyboards/{id}/produce")
    ResponseEntity<Accepted> produce(Caller caller, @PathVariable UUID id,
                                     @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        var row = storyboards.find(id).filter(s -> caller.canSee(s.clientId()))
                .orElseThrow(() -> ApiException.notFound("storyboard", id));
        String key = Keys.checked(idempotencyKey);
        if (row.state() != StoryboardStatus.APPROVED || row.approvedVersion() == null) {
            throw new ApiException(HttpStatus.CONFLICT, "not_approved", "the storyboard is " + row.status()
                    + "; only an approved storyboard is produced (approve a version first)", null);
        }
        int version = row.approvedVersion();
        if (key != null) {
            var named = Keys.jobNamed(jdbc, row.clientId(), key);
            if (named.isPresent()) {
                if (!named.get().equals(orders.existing(id, version).orElse(null))) {
                    throw Keys.reused(named.get());
                }
                return ResponseEntity.ok(accepted(named.get()));
            }
        }
        var content = storyboards.version(id, version).orElseThrow().content();
        var production = transaction.execute(status -> orders.produce(id, version, content, key,
                key == null ? null : Keys.hash("ad|" + id)));
        return ResponseEntity.status(production.created() ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(accepted(production.jobId()));
    }

    /**
     * A failed production's scene made again: a new production job ({@code retry_of} the failed one,
     * which stays failed) that adopts the clips already made and makes the scenes still missing.
     */
    @ResponseStatus(HttpStatus.ACCEPTED)
    @AlsoOk("the retry of this production, made before (or by a retry at the same time)")
    @Refuses({402, 409})
    @PostMapping("/api/v2/jobs/{id}/retry-scene")
    ResponseEntity<Accepted> retryScene(Caller caller, @PathVariable UUID id,
                                        @RequestBody(required = false) RetrySceneBody body) {
        record JobRow(UUID clientId, UUID campaignId, String kind, String status) {
        }
        var job = jdbc.sql("select client_id, campaign_id, kind, status from jobs where id = :id").param("id", id)
                .query(com.reelsmith.platform.jdbc.Rows.of(JobRow.class)).optional()
                .filter(j -> caller.canSee(j.clientId())).orElseThrow(() -> ApiException.notFound("job", id));
        if (body == null || body.sceneId() == null || body.sceneId().isBlank()) {
            throw ApiException.missing("scene_id");
        }
        if (!"ad".equals(job.kind())) {
            throw new ApiException(HttpStatus.CONFLICT, "not_a_production", "job " + id + " is a " + job.kind()
                    + " job; retry-scene retries a production (a job of kind ad)", null);
        }
        if (!"failed".equals(job.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "invalid_state", "the production is " + job.status()
                    + "; only a failed production's scene is retried", null);
        }
        var scene = orders.scenes(id).stream().filter(s -> s.sceneId().equals(body.sceneId())).findFirst()
                .orElseThrow(() -> ApiException.invalid("scene_id", "the production has no scene " + body.sceneId()));
        var existing = orders.retryOf(id);
        if (existing.isPresent()) {
            return ResponseEntity.ok(accepted(existing.get()));
        }
        if (scene.clip() != null) {
            throw new ApiException(HttpStatus.CONFLICT, "scene_made", "scene " + body.sceneId()
                    + " already has its clip; retry a scene that failed or was canceled", "scene_id");
        }
        BigDecimal estimate = orders.retryEstimate(id, prices, free);
        var reservation = budget.reserve(job.campaignId(), estimate);
        if (!reservation.granted()) {
            throw new ApiException(HttpStatus.PAYMENT_REQUIRED, "budget_exceeded", "retrying would cost about "
                    + estimate + " USD; the campaign has spent or committed " + reservation.committedUsd() + " of its "
                    + reservation.budgetUsd() + " USD budget", null);
        }
        try {
            var retry = transaction.execute(status -> orders.retry(id, body.sceneId(), estimate, null, null));
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(accepted(retry.jobId()));
        } catch (DuplicateKeyException anotherRetryWon) {
            // a retry at the same time made it first (one retry per job, V11): answered as a repeat is
            budget.release(job.campaignId(), estimate);
            return ResponseEntity.ok(accepted(orders.retryOf(id).orElseThrow(() -> anotherRetryWon)));
        } catch (RuntimeException e) {
            budget.release(job.campaignId(), estimate);
            throw e;
        }
    }

    private Accepted accepted(UUID jobId) {
        record Row(String status, BigDecimal estimatedCostUsd, UUID storyboardId, int version, UUID retryOf) {
        }
        var row = jdbc.sql("""
                select j.status, j.estimated_cost_usd, p.storyboard_id, p.version, p.retry_of
                from jobs j join productions p on p.job_id = j.id where j.id = :id
                """).param("id", jobId).query(com.reelsmith.platform.jdbc.Rows.of(Row.class)).single();
        Map<String, String> links = new LinkedHashMap<>();
        links.put("self", "/api/v2/jobs/" + jobId);
        links.put("cancel", "/api/v2/jobs/" + jobId + "/cancel");
        links.put("storyboard", "/api/v2/storyboards/" + row.storyboardId());
        return new Accepted(jobId, "ad", row.status(), row.storyboardId(), row.version(), row.retryOf(),
                row.estimatedCostUsd(), links);
    }
}
