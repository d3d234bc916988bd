package com.reelsmith.gateway.clientwebhooks;

import com.reelsmith.platform.jdbc.Rows;
import com.reelsmith.platform.messaging.InboundMessages;
import com.reelsmith.platform.messaging.ProcessedMessages;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns an event into one delivery per endpoint that subscribes to it, in one transaction with
 * the message's id in processed_messages: a message the broker delivers twice makes no second
 * delivery. The payload follows Standard Webhooks: {@code {"type", "timestamp", "data"}}, data
 * read from the job (or storyboard) row as it is when the event arrives. Only top-level jobs are
 * reported (a video's start image or a production's scenes are parts of the client's job).
 */
@Component
class ClientEventFanOut {

    private static final Logger log = LoggerFactory.getLogger(ClientEventFanOut.class);
    static final String CONSUMER = "gateway.client-webhooks";

    /** What an event says, whatever its record: the fields the fan-out needs. */
    record Envelope(UUID messageId, UUID jobId, String type, Instant occurredAt, UUID storyboardId, UUID clientId,
                    UUID campaignId, Integer approvedVersion) {
    }

    record JobRow(UUID id, UUID clientId, UUID campaignId, UUID parentJobId, String kind, String status,
                  UUID resultId, String errorCode, String errorMessage, BigDecimal costUsd, Instant createdAt,
                  Instant finishedAt) {
    }

    /** One client-facing event made of a message. */
    record ClientEvent(UUID id, String type, UUID clientId, Map<String, Object> data) {
    }

    private final InboundMessages inbound;
    private final ProcessedMessages processed;
    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final WebhookProperties properties;
    private final WebhookSender sender;

    ClientEventFanOut(InboundMessages inbound, ProcessedMessages processed, WebhookEndpoints endpoints,
                      WebhookDeliveries deliveries, JdbcClient jdbc, TransactionTemplate transaction, ObjectMapper json,
                      WebhookProperties properties, WebhookSender sender) {
        this.inbound = inbound;
        this.processed = processed;
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.json = json;
        this.properties = properties;
        this.sender = sender;
    }

    @RabbitListener(queues = "#{@routing.gatewayClientEvents()}")
    void onEvent(Message message) {
        inbound.consume(message, Envelope.class, envelope -> fanOut(withType(envelope, message)));
    }

    /** Public for tests: what the listener does with one event. Returns how many deliveries it made. */
    int fanOut(Envelope event) {
        Integer made = transaction.execute(tx -> {
            if (!processed.firstDelivery(CONSUMER, event.messageId())) {
                return 0;
            }
            int count = 0;
            for (ClientEvent clientEvent : clientEventsOf(event)) {
                String payload = json.writeValueAsString(payload(clientEvent, event));
                for (var endpoint : endpoints.subscribedTo(clientEvent.clientId(), clientEvent.type())) {
                    if (deliveries.insert(endpoint.id(), clientEvent.clientId(), clientEvent.id(), clientEvent.type(),
                            payload, properties.giveUpAfter())) {
                        count++;
                    }
                }
            }
            if (count > 0) {
                wakeSenderAfterCommit();
            }
            return count;
        });
        if (made != null && made > 0) {
            log.debug("event {} ({}) -> {} webhook deliveries", event.messageId(), event.type(), made);
        }
        return made == null ? 0 : made;
    }

    private List<ClientEvent> clientEventsOf(Envelope event) {
        String type = event.type();
        List<ClientEvent> events = new ArrayList<>();
        if (type.equals(EventTypes.STORYBOARD_APPROVED)) {
            if (event.storyboardId() != null && event.clientId() != null) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("storyboard_id", event.storyboardId());
                data.put("campaign_id", event.campaignId());
                data.put("approved_version", event.approvedVersion());
                data.put("links", Map.of("storyboard", "/api/v2/storyboards/" + event.storyboardId()));
                events.add(new ClientEvent(idOf(event, type), type, event.clientId(), data));
            }
            return events;
        }
        if (event.jobId() == null) {
            return events;
        }
        Optional<JobRow> found = job(event.jobId());
        if (found.isEmpty() || found.get().parentJobId() != null) {
            return events;
        }
        JobRow job = found.get();
        String outcome = type.substring(type.lastIndexOf('.') + 1);
        if (type.equals(EventTypes.PRODUCTION_FINISHED)) {
            events.add(new ClientEvent(idOf(event, type), type, job.clientId(), jobData(job)));
            return events;
        }
        String jobEvent = switch (outcome) {
            case "succeeded" -> EventTypes.JOB_SUCCEEDED;
            case "failed" -> EventTypes.JOB_FAILED;
            case "canceled" -> EventTypes.JOB_CANCELED;
            default -> null;
        };
        if (jobEvent == null) {
            return events;
        }
        events.add(new ClientEvent(idOf(event, jobEvent), jobEvent, job.clientId(), jobData(job)));
        if ("storyboard".equals(job.kind()) && jobEvent.equals(EventTypes.JOB_SUCCEEDED) && job.resultId() != null) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("storyboard_id", job.resultId());
            data.put("campaign_id", job.campaignId());
            data.put("job_id", job.id());
            data.put("version", currentVersion(job.resultId()));
            data.put("links", Map.of("storyboard", "/api/v2/storyboards/" + job.resultId()));
            events.add(new ClientEvent(idOf(event, EventTypes.STORYBOARD_READY), EventTypes.STORYBOARD_READY,
                    job.clientId(), data));
        }
        return events;
    }

    private static Map<String, Object> jobData(JobRow job) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", job.id());
        data.put("kind", job.kind());
        data.put("status", job.status());
        data.put("campaign_id", job.campaignId());
        data.put("result_id", job.resultId());
        data.put("error", job.errorCode() == null ? null : Map.of("code", job.errorCode(),
                "message", job.errorMessage() == null ? "" : job.errorMessage()));
        data.put("cost_usd", job.costUsd());
        data.put("created_at", job.createdAt());
        data.put("finished_at", job.finishedAt());
        data.put("links", Map.of("self", "/api/v2/jobs/" + job.id()));
        return data;
    }

    private static Map<String, Object> payload(ClientEvent clientEvent, Envelope event) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", clientEvent.type());
        payload.put("timestamp", event.occurredAt() == null ? Instant.now() : event.occurredAt());
        payload.put("data", clientEvent.data());
        return payload;
    }

    /** Stable per message and client event type: one message may make two (job.succeeded and storyboard.ready). */
    private static UUID idOf(Envelope event, String type) {
        return UUID.nameUUIDFromBytes((event.messageId() + "/" + type).getBytes(StandardCharsets.UTF_8));
    }

    private Optional<JobRow> job(UUID id) {
        return jdbc.sql("""
                select id, client_id, campaign_id, parent_job_id, kind, status, result_id, error_code, error_message,
                       cost_usd, created_at, finished_at
                from jobs where id = :id
                """).param("id", id).query(Rows.of(JobRow.class)).optional();
    }

    private Integer currentVersion(UUID storyboardId) {
        return jdbc.sql("select current_version from storyboards where id = :id").param("id", storyboardId)
                .query(Integer.class).optional().orElse(null);
    }

    private static Envelope withType(Envelope envelope, Message message) {
        if (envelope.type() != null) {
            return envelope;
        }
        String type = message.getMessageProperties().getType() != null ? message.getMessageProperties().getType()
                : message.getMessageProperties().getReceivedRoutingKey();
        return new Envelope(envelope.messageId(), envelope.jobId(), type, envelope.occurredAt(), envelope.storyboardId(),
                envelope.clientId(), envelope.campaignId(), envelope.approvedVersion());
    }

    private void wakeSenderAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sender.wake();
                }
            });
        }
    }
}
