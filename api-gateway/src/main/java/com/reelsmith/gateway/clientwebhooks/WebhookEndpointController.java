package com.reelsmith.gateway.clientwebhooks;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.clients.ClientRepository;
import com.reelsmith.gateway.outbound.PublicTargets;
import com.reelsmith.gateway.outbound.RefusedTarget;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.gateway.system.Page;
import com.reelsmith.gateway.system.Refuses;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A client's webhook endpoints, their delivery logs and manual redelivery. The signing secret
 * ({@code whsec_<base64>}, as Standard Webhooks and Replicate write it) is in the creation's
 * answer only. The URL is refused (400, field url) when it is not http(s) or resolves to a
 * private, loopback or otherwise internal address, unless configuration allows it. A client has at
 * most {@code reelsmith.webhooks.max-endpoints-per-client} live endpoints (409 beyond).
 */
@RestController
class WebhookEndpointController {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_DESCRIPTION_CHARS = 500;

    /** client_id: only an admin passes it; a client's endpoints are always its own. */
    record NewEndpoint(String url, List<String> eventTypes, String description, UUID clientId) {
    }

    record EndpointView(UUID id, UUID clientId, String url, List<String> eventTypes, String description,
                        String secret, Instant createdAt, Map<String, String> links) {
        static EndpointView of(WebhookEndpoints.Endpoint e, boolean withSecret) {
            return new EndpointView(e.id(), e.clientId(), e.url(), e.events(), e.description(),
                    withSecret ? e.secret() : null, e.createdAt(), Map.of(
                    "self", "/api/v2/webhook-endpoints/" + e.id(),
                    "deliveries", "/api/v2/webhook-endpoints/" + e.id() + "/deliveries"));
        }
    }

    record AttemptView(Instant attemptedAt, Integer statusCode, String error, int durationMs) {
    }

    record DeliveryView(UUID id, UUID endpointId, UUID eventId, String eventType, String status, int attempts,
                        Instant nextAttemptAt, Instant giveUpAt, Integer lastStatusCode, String lastError,
                        Instant createdAt, Instant deliveredAt, List<AttemptView> attemptLog, Map<String, String> links) {
        static DeliveryView of(WebhookDeliveries.Delivery d, List<WebhookDeliveries.Attempt> attempts) {
            return new DeliveryView(d.id(), d.endpointId(), d.eventId(), d.eventType(), d.status(), d.attempts(),
                    d.nextAttemptAt(), d.giveUpAt(), d.lastStatus(), d.lastError(), d.createdAt(), d.deliveredAt(),
                    attempts.stream().map(a -> new AttemptView(a.attemptedAt(), a.statusCode(), a.error(),
                            a.durationMs())).toList(),
                    Map.of("redeliver", "/api/v2/webhook-endpoints/" + d.endpointId() + "/deliveries/" + d.id()
                            + "/redeliver"));
        }
    }

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final PublicTargets targets;
    private final ClientRepository clients;
    private final WebhookProperties properties;
    private final WebhookSender sender;

    WebhookEndpointController(WebhookEndpoints endpoints, WebhookDeliveries deliveries, PublicTargets targets,
                              ClientRepository clients, WebhookProperties properties, WebhookSender sender) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.targets = targets;
        this.clients = clients;
        this.properties = properties;
        this.sender = sender;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @Refuses({409})
    @PostMapping("/api/v2/webhook-endpoints")
    ResponseEntity<EndpointView> create(Caller caller, @RequestBody NewEndpoint body) {
        UUID owner = ownerOf(caller, body.clientId());
        String url = checkedUrl(body.url());
        List<String> events = checkedEvents(body.eventTypes());
        String description = body.description();
        if (description != null && description.length() > MAX_DESCRIPTION_CHARS) {
            throw ApiException.invalid("description", "description is at most " + MAX_DESCRIPTION_CHARS + " characters");
        }
        int max = properties.maxEndpointsPerClient();
        var created = endpoints.create(owner, url, events, description, newSecret(), max)
                .orElseThrow(() -> new ApiException(HttpStatus.CONFLICT, "too_many_webhook_endpoints",
                        "a client has at most " + max + " webhook endpoints; delete one to add another", null));
        return ResponseEntity.status(HttpStatus.CREATED).body(EndpointView.of(created, true));
    }

    @GetMapping("/api/v2/webhook-endpoints")
    Page<EndpointView> list(Caller caller, @RequestParam(required = false) Integer limit,
                            @RequestParam(required = false) String cursor) {
        int n = Cursor.limit(limit);
        UUID scope = caller.isAdmin() ? null : caller.clientId();
        return Page.of(endpoints.list(scope, Cursor.decode(cursor), n), n, e -> new Cursor(e.createdAt(), e.id()))
                .map(e -> EndpointView.of(e, false));
    }

    @GetMapping("/api/v2/webhook-endpoints/{id}")
    EndpointView get(Caller caller, @PathVariable UUID id) {
        return EndpointView.of(visible(caller, id), false);
    }

    /** Deletes the endpoint; what it had still to receive is canceled, not sent. */
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @DeleteMapping("/api/v2/webhook-endpoints/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable UUID id) {
        visible(caller, id);
        if (!endpoints.delete(id)) {
            throw ApiException.notFound("webhook endpoint", id);
        }
        return ResponseEntity.noContent().build();
    }

    /** The delivery log: newest first, each delivery with every attempt made at it. */
    @GetMapping("/api/v2/webhook-endpoints/{id}/deliveries")
    Page<DeliveryView> deliveries(Caller caller, @PathVariable UUID id, @RequestParam(required = false) String status,
                                  @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String cursor) {
        visible(caller, id);
        if (status != null && !List.of("pending", "succeeded", "failed", "canceled").contains(status)) {
            throw ApiException.invalid("status", "status must be one of pending, succeeded, failed, canceled");
        }
        int n = Cursor.limit(limit);
        var page = Page.of(deliveries.list(id, status, Cursor.decode(cursor), n), n,
                d -> new Cursor(d.createdAt(), d.id()));
        var attempts = deliveries.attemptsOf(page.items().stream().map(WebhookDeliveries.Delivery::id).toList());
        return page.map(d -> DeliveryView.of(d, attempts.getOrDefault(d.id(), List.of())));
    }

    /** Sends a delivery again now (whatever its state), with a fresh give-up time; same webhook-id. */
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PostMapping("/api/v2/webhook-endpoints/{id}/deliveries/{deliveryId}/redeliver")
    ResponseEntity<DeliveryView> redeliver(Caller caller, @PathVariable UUID id, @PathVariable UUID deliveryId) {
        visible(caller, id);
        var delivery = deliveries.redeliver(id, deliveryId, properties.giveUpAfter())
                .orElseThrow(() -> ApiException.notFound("delivery", deliveryId));
        sender.wake();
        var attempts = deliveries.attemptsOf(List.of(deliveryId));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(DeliveryView.of(delivery, attempts.getOrDefault(deliveryId, List.of())));
    }

    private WebhookEndpoints.Endpoint visible(Caller caller, UUID id) {
        return endpoints.find(id).filter(e -> caller.canSee(e.clientId()))
                .orElseThrow(() -> ApiException.notFound("webhook endpoint", id));
    }

    private String checkedUrl(String url) {
        if (url == null || url.isBlank()) {
            throw ApiException.missing("url");
        }
        if (url.length() > 2000) {
            throw ApiException.invalid("url", "url is at most 2000 characters");
        }
        try {
            targets.check(url);
        } catch (RefusedTarget e) {
            throw ApiException.invalid("url", e.getMessage());
        }
        return url.trim();
    }

    private static List<String> checkedEvents(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "missing_field",
                    "event_types is required: one or more of " + String.join(", ", EventTypes.ALL), "event_types");
        }
        Set<String> events = new LinkedHashSet<>();
        for (String type : requested) {
            if (type == null || !EventTypes.ALL.contains(type)) {
                throw ApiException.invalid("event_types", "unknown event type '" + type + "'; known: "
                        + String.join(", ", EventTypes.ALL));
            }
            events.add(type);
        }
        return new ArrayList<>(events);
    }

    private UUID ownerOf(Caller caller, UUID requestedClient) {
        if (!caller.isAdmin()) {
            if (requestedClient != null && !requestedClient.equals(caller.clientId())) {
                throw ApiException.invalid("client_id", "client_id can only be given with an admin key; leave it out");
            }
            return caller.clientId();
        }
        if (requestedClient == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "missing_field",
                    "an admin must say which client the endpoint is for: client_id", "client_id");
        }
        clients.find(requestedClient).orElseThrow(() -> ApiException.notFound("client", requestedClient));
        return requestedClient;
    }

    /** 24 random bytes, base64, after whsec_: the form Standard Webhooks libraries take. */
    private static String newSecret() {
        byte[] key = new byte[24];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
