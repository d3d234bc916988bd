package com.reelsmith.gateway.campaigns;

import org.springframework.web.bind.annotation.ResponseStatus;
import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.clients.ClientRepository;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.gateway.system.JsonTrees;
import com.reelsmith.gateway.system.Page;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class CampaignController {

    static final Set<String> STATUSES = Set.of("draft", "active", "archived");

    /** client_id: only an admin passes it; a client's campaigns are always its own. */
    record NewCampaign(String name, String description, String status, BigDecimal budgetUsd, UUID clientId) {
    }

    record CampaignView(UUID id, UUID clientId, String name, String description, String status, BigDecimal budgetUsd,
                        Instant createdAt, Instant updatedAt, Map<String, String> links) {
        static CampaignView of(CampaignRepository.CampaignRow r) {
            return new CampaignView(r.id(), r.clientId(), r.name(), r.description(), r.status(), r.budgetUsd(),
                    r.createdAt(), r.updatedAt(), Map.of(
                    "self", "/api/v2/campaigns/" + r.id(),
                    "assets", "/api/v2/campaigns/" + r.id() + "/assets",
                    "generated_images", "/api/v2/campaigns/" + r.id() + "/generated-images",
                    "generated_videos", "/api/v2/campaigns/" + r.id() + "/generated-videos"));
        }
    }

    /** What PATCH takes: a field left out stays as it is; a null budget_usd removes the budget; status archived refuses new work. */
    record CampaignPatch(String name, String description, String status, BigDecimal budgetUsd) {
    }

    private final CampaignRepository campaigns;
    private final CampaignAccess access;
    private final ClientRepository clients;

    CampaignController(CampaignRepository campaigns, CampaignAccess access, ClientRepository clients) {
        this.campaigns = campaigns;
        this.access = access;
        this.clients = clients;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v2/campaigns")
    ResponseEntity<CampaignView> create(Caller caller, @RequestBody NewCampaign body) {
        UUID owner = ownerOf(caller, body.clientId());
        String name = requiredName(body.name());
        String status = body.status() == null ? "active" : checkedStatus(body.status());
        BigDecimal budget = checkedBudget(body.budgetUsd());
        var row = campaigns.insert(owner, name, checkedDescription(body.description()), status, budget);
        return ResponseEntity.status(HttpStatus.CREATED).body(CampaignView.of(row));
    }

    @GetMapping("/api/v2/campaigns")
    Page<CampaignView> list(Caller caller, @RequestParam(name = "client_id", required = false) UUID clientId,
                            @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        UUID scope = caller.isAdmin() ? clientId : caller.clientId();
        int n = Cursor.limit(limit);
        return Page.of(campaigns.list(scope, Cursor.decode(cursor), n), n, r -> new Cursor(r.createdAt(), r.id()))
                .map(CampaignView::of);
    }

    @GetMapping("/api/v2/campaigns/{id}")
    CampaignView get(Caller caller, @PathVariable UUID id) {
        return CampaignView.of(access.visible(caller, id));
    }

    /** JSON merge semantics: a field left out stays as it is, a null budget_usd removes the budget. */
    @PatchMapping("/api/v2/campaigns/{id}")
    CampaignView patch(Caller caller, @PathVariable UUID id,
                       @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
                               mediaType = "application/json",
                               schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = CampaignPatch.class)))
                       @RequestBody JsonNode body) {
        if (!body.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_json", "the body must be a JSON object", null);
        }
        JsonTrees.check(null, body);
        var row = access.visible(caller, id);
        String name = row.name();
        String description = row.description();
        String status = row.status();
        BigDecimal budget = row.budgetUsd();
        for (var field : body.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "name" -> name = requiredName(value.isNull() ? null : text("name", value));
                case "description" -> description = value.isNull() ? null : checkedDescription(text("description", value));
                case "status" -> status = checkedStatus(value.isNull() ? null : text("status", value));
                case "budget_usd" -> {
                    if (!value.isNull() && !value.isNumber()) {
                        throw ApiException.invalid("budget_usd", "budget_usd must be a number of US dollars, or null for no budget");
                    }
                    budget = value.isNull() ? null : checkedBudget(value.decimalValue());
                }
                default -> throw new ApiException(HttpStatus.BAD_REQUEST, "unknown_field", "unknown field '"
                        + field.getKey() + "'; known fields: budget_usd, description, name, status", field.getKey());
            }
        }
        var changed = new CampaignRepository.CampaignRow(row.id(), row.clientId(), name, description, status, budget,
                row.createdAt(), row.updatedAt());
        return CampaignView.of(campaigns.update(changed));
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
                    "an admin must say which client the campaign is for: client_id", "client_id");
        }
        clients.find(requestedClient).orElseThrow(() -> ApiException.notFound("client", requestedClient));
        return requestedClient;
    }

    private static String text(String field, JsonNode value) {
        if (!value.isString()) {
            throw ApiException.invalid(field, field + " must be a string");
        }
        return value.asString();
    }

    private static String requiredName(String name) {
        if (name == null || name.isBlank()) {
            throw ApiException.missing("name");
        }
        if (name.trim().length() > 200) {
            throw ApiException.invalid("name", "name must be at most 200 characters");
        }
        return name.trim();
    }

    private static String checkedDescription(String description) {
        if (description != null && description.length() > 5000) {
            throw ApiException.invalid("description", "description must be at most 5000 characters");
        }
        return description;
    }

    private static String checkedStatus(String status) {
        if (status == null || !STATUSES.contains(status)) {
            throw ApiException.invalid("status", "status must be one of draft, active, archived");
        }
        return status;
    }

    /**
     * Rounded to the column's 4 decimals first, so what is checked is what is stored. The size is
     * judged from precision and scale before any rounding: rescaling 1e99999999 or 1e-99999999
     * would compute a power of ten with a hundred million digits.
     */
    private static BigDecimal checkedBudget(BigDecimal budget) {
        if (budget == null) {
            return null;
        }
        int digitsBeforePoint = budget.precision() - budget.scale(); // |budget| < 10^digitsBeforePoint
        if (budget.signum() != 0 && digitsBeforePoint > 9) {
            throw ApiException.invalid("budget_usd", "budget_usd must be between 0 and 99999999.9999");
        }
        BigDecimal stored = digitsBeforePoint <= -5 ? BigDecimal.ZERO.setScale(4) // below 0.00001: rounds to 0
                : budget.setScale(4, RoundingMode.HALF_UP);
        if (stored.signum() < 0 || stored.compareTo(new BigDecimal("100000000")) >= 0) {
            throw ApiException.invalid("budget_usd", "budget_usd must be between 0 and 99999999.9999");
        }
        return stored;
    }
}
