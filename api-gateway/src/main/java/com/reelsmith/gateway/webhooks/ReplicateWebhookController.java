package com.reelsmith.gateway.webhooks;

import com.reelsmith.gateway.system.Refuses;
import com.reelsmith.gateway.system.NoApiKey;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.model.JobKind;
import com.reelsmith.platform.jdbc.Rows;
import com.reelsmith.platform.jobs.JobCommands;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.platform.messaging.ProcessedMessages;
import com.reelsmith.provider.replicate.WebhookSignature;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Replicate's webhook: verified against the raw bytes (forged or stale deliveries are 401 and
 * change nothing), deduplicated by webhook-id (Replicate retries with the same id), then handed
 * to the worker that owns the job as a command through the outbox. The body is trusted for
 * nothing but the prediction id: the worker reads the prediction itself, so a late or reordered
 * webhook cannot move a job backwards. Answers at once; the work happens in the worker. What is
 * read before the signature is checked is bounded (see {@link WebhookBody}).
 */
@RestController
class ReplicateWebhookController {

    private static final Logger log = LoggerFactory.getLogger(ReplicateWebhookController.class);
    static final String CONSUMER = "gateway.replicate-webhooks";

    record PredictionJob(UUID id, String kind, String status, String sagaState, UUID correlationId) {
    }

    private final WebhookSecret secret;
    private final ProcessedMessages processed;
    private final Outbox outbox;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;

    ReplicateWebhookController(WebhookSecret secret, ProcessedMessages processed, Outbox outbox, JdbcClient jdbc,
                               TransactionTemplate transaction, ObjectMapper json) {
        this.secret = secret;
        this.processed = processed;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
    }

    @NoApiKey("Replicate signs each webhook (webhook-id, webhook-timestamp, webhook-signature), the Standard Webhooks way")
    @Refuses({401, 413})
    @PostMapping(path = "/api/webhooks/replicate")
    Map<String, Object> receive(@RequestHeader(name = "webhook-id", required = false) String webhookId,
                                @RequestHeader(name = "webhook-timestamp", required = false) String timestamp,
                                @RequestHeader(name = "webhook-signature", required = false) String signature,
                                HttpServletRequest request) {
        // nothing could verify a webhook: refuse before reading a byte of it
        if (!secret.configured()) {
            throw notConfigured();
        }
        byte[] raw = WebhookBody.read(request);
        String key = secret.get().orElseThrow(ReplicateWebhookController::notConfigured);
        try {
            WebhookSignature.verify(webhookId, timestamp, signature, raw, key, Instant.now());
        } catch (WebhookSignature.Rejected e) {
            log.warn("refused a Replicate webhook: {}", e.getMessage());
            throw ApiException.unauthorized("invalid_webhook_signature", "webhook refused: " + e.getMessage());
        }
        String predictionId = json.readTree(new String(raw, StandardCharsets.UTF_8)).path("id").asString("");
        UUID deliveryId = UUID.nameUUIDFromBytes(("replicate:" + webhookId).getBytes(StandardCharsets.UTF_8));
        String outcome = transaction.execute(status -> {
            if (!processed.firstDelivery(CONSUMER, deliveryId)) {
                return "duplicate";
            }
            Optional<PredictionJob> job = jdbc.sql("""
                    select id, kind, status, saga_state, correlation_id from jobs
                    where provider = 'replicate' and prediction_id = :predictionId
                    """).param("predictionId", predictionId).query(Rows.of(PredictionJob.class)).optional();
            if (job.isEmpty()) {
                return "unknown_prediction";
            }
            PredictionJob j = job.get();
            if (!"waiting".equals(j.status())) {
                return "job_not_waiting";
            }
            outbox.sendCommand(JobCommands.forJob(JobKind.fromWire(j.kind()), j.id(), j.correlationId()));
            return "handed_to_worker";
        });
        log.info("Replicate webhook {} for prediction {}: {}", webhookId, predictionId, outcome);
        return Map.of("received", true, "outcome", outcome);
    }

    /** Not a dependency that is down but an endpoint this gateway does not offer: 404, not a 5xx that invites retries. */
    private static ApiException notConfigured() {
        return new ApiException(HttpStatus.NOT_FOUND, "webhooks_not_configured",
                "set REPLICATE_WEBHOOK_SECRET (or REPLICATE_API_TOKEN) to accept webhooks", null);
    }
}
