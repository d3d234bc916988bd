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

    record ClientView(UUID id, String name, JsonNode brandGuidelines, Instant createdAt, Map<String, String> links) {
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

    private ClientView view(ClientRepository.ClientRow row) {
        return new ClientView(row.id(), row.name(), json.readTree(row.brandGuidelines()), row.createdAt(),
                Map.of("self", "/api/v2/clients/" + row.id(), "campaigns", "/api/v2/campaigns?client_id=" + row.id()));
    }
}
