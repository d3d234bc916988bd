package com.reelsmith.gateway.clients;

import org.springframework.web.bind.annotation.ResponseStatus;
import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.gateway.system.JsonTrees;
import com.reelsmith.gateway.system.Page;
import java.time.Instant;
import java.util.Map;
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
import tools.jackson.databind.ObjectMapper;

@RestController
class ClientController {

    /** brand_guidelines: free-form JSON (voice, colours, do and don't), fed to prompts later. */
    record NewClient(String name, JsonNode brandGuidelines) {
    }

    record ClientView(UUID id, String name, JsonNode brandGuidelines, String status, Instant createdAt,
                      Instant updatedAt, Map<String, String> links) {
    }

    /** What PATCH takes: a field left out stays as it is. status archived: no new work in its campaigns. */
    record ClientPatch(String name, JsonNode brandGuidelines, String status) {
    }

    private final ClientRepository clients;
    private final ObjectMapper json;

    ClientController(ClientRepository clients, ObjectMapper json) {
        this.clients = clients;
        this.json = json;
    }

    @ResponseStatus(HttpStatus.CREATED)
    @PostMapping("/api/v2/clients")
    ResponseEntity<ClientView> create(Caller caller, @RequestBody NewClient body) {
        caller.requireAdmin();
        String name = body.name() == null ? null : body.name().trim();
        if (name == null || name.isEmpty()) {
            throw ApiException.missing("name");
        }
        if (name.length() > 200) {
            throw ApiException.invalid("name", "name must be at most 200 characters");
        }
        if (body.brandGuidelines() != null && !body.brandGuidelines().isObject()) {
            throw ApiException.invalid("brand_guidelines", "brand_guidelines must be a JSON object");
        }
        if (body.brandGuidelines() != null) {
            JsonTrees.check("brand_guidelines", body.brandGuidelines());
        }
        String brand = body.brandGuidelines() == null ? "{}" : json.writeValueAsString(body.brandGuidelines());
        return ResponseEntity.status(HttpStatus.CREATED).body(view(clients.insert(name, brand)));
    }

    @GetMapping("/api/v2/clients")
    Page<ClientView> list(Caller caller, @RequestParam(required = false) Integer limit,
                          @RequestParam(required = false) String cursor) {
        caller.requireAdmin();
        int n = Cursor.limit(limit);
        return Page.of(clients.list(Cursor.decode(cursor), n), n, c -> new Cursor(c.createdAt(), c.id()))
                .map(this::view);
    }

    @GetMapping("/api/v2/clients/{id}")
    ClientView get(Caller caller, @PathVariable UUID id) {
        return clients.find(id).filter(c -> caller.canSee(c.id())).map(this::view)
                .orElseThrow(() -> ApiException.notFound("client", id));
    }

    /** An admin renames a client, changes its brand guidelines or archives it (status archived) and back. */
    @PatchMapping("/api/v2/clients/{id}")
    ClientView patch(Caller caller, @PathVariable UUID id,
                     @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
                             mediaType = "application/json",
                             schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ClientPatch.class)))
                     @RequestBody JsonNode body) {
        caller.requireAdmin();
        if (!body.isObject()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_json", "the body must be a JSON object", null);
        }
        JsonTrees.check(null, body);
        var row = clients.find(id).orElseThrow(() -> ApiException.notFound("client", id));
        String name = row.name();
        String brand = row.brandGuidelines();
        String status = row.status();
        for (var field : body.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "name" -> {
                    if (!value.isString() || value.asString().isBlank()) {
                        throw ApiException.invalid("name", "name must be a non-empty string");
                    }
                    if (value.asString().trim().length() > 200) {
                        throw ApiException.invalid("name", "name must be at most 200 characters");
                    }
                    name = value.asString().trim();
                }
                case "brand_guidelines" -> {
                    if (!value.isObject()) {
                        throw ApiException.invalid("brand_guidelines", "brand_guidelines must be a JSON object");
                    }
                    brand = json.writeValueAsString(value);
                }
                case "status" -> {
                    if (!value.isString() || !(value.asString().equals("active") || value.asString().equals("archived"))) {
                        throw ApiException.invalid("status", "status must be active or archived");
                    }
                    status = value.asString();
                }
                default -> throw new ApiException(HttpStatus.BAD_REQUEST, "unknown_field", "unknown field '"
                        + field.getKey() + "'; known fields: brand_guidelines, name, status", field.getKey());
            }
        }
        return view(clients.update(id, name, brand, status));
    }

    private ClientView view(ClientRepository.ClientRow row) {
        return new ClientView(row.id(), row.name(), json.readTree(row.brandGuidelines()), row.status(), row.createdAt(),
                row.updatedAt(),
                Map.of("self", "/api/v2/clients/" + row.id(), "campaigns", "/api/v2/campaigns?client_id=" + row.id()));
    }
}
