package com.reelsmith.gateway.ops;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.gateway.system.Refuses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Dead letters listed from Postgres (never by consuming a queue), replayed or discarded; every action audited. */
@RestController
class DeadLetterController {

    record LetterView(long id, String queue, String exchange, String routingKey, String messageId, String messageType,
                      UUID jobId, String reason, String payload, JsonNode headers, Instant firstSeenAt,
                      Instant lastSeenAt, int timesSeen, String status, Instant actedAt, String actedBy,
                      UUID replayMessageId, Map<String, String> links) {
    }

    record ReplayView(String outcome, boolean replayedNow, String reason, LetterView deadLetter) {
    }

    private static final Set<String> STATUSES = Set.of("new", "replayed", "discarded");

    private final DeadLetterQueries letters;
    private final OpsAudit audit;
    private final ObjectMapper json;

    DeadLetterController(DeadLetterQueries letters, OpsAudit audit, ObjectMapper json) {
        this.letters = letters;
        this.audit = audit;
        this.json = json;
    }

    @GetMapping("/api/v2/ops/dead-letters")
    IdCursor.OpsPage<LetterView> list(Caller caller, @RequestParam(required = false) String queue,
                                      @RequestParam(required = false) String status,
                                      @RequestParam(required = false) Integer limit,
                                      @RequestParam(required = false) String cursor) {
        caller.requireAdmin();
        checkStatus(status);
        OpsController.requireNonBlank(queue, "queue");
        int n = Cursor.limit(limit);
        var page = IdCursor.page(letters.list(queue, status, IdCursor.decode(cursor).beforeId(), n + 1), n,
                DeadLetterQueries.Letter::id);
        return new IdCursor.OpsPage<>(page.items().stream().map(this::view).toList(), page.nextCursor());
    }

    @GetMapping("/api/v2/ops/dead-letters/{id}")
    LetterView get(Caller caller, @PathVariable long id) {
        caller.requireAdmin();
        return view(find(id));
    }

    /** Sends the letter again to where it was first sent, through the outbox; a second replay sends nothing and answers the same. */
    @Refuses({409})
    @PostMapping("/api/v2/ops/dead-letters/{id}/replay")
    ReplayView replay(Caller caller, @PathVariable long id) {
        caller.requireAdmin();
        var replayed = letters.replay(find(id), by(caller));
        audit.record(caller, "dead_letter_replay", "dead_letter:" + id,
                replayed.outcome() + (replayed.replayedNow() ? "" : " (nothing sent: replayed before)"),
                replayed.reason() == null ? Map.of() : Map.of("reason", replayed.reason()));
        if ("refused".equals(replayed.outcome())) {
            throw new ApiException(HttpStatus.CONFLICT, "dead_letter_not_replayable",
                    "dead letter " + id + " cannot be replayed: " + replayed.reason(), null);
        }
        return new ReplayView(replayed.outcome(), replayed.replayedNow(), null, view(replayed.letter()));
    }

    /** Replays every new letter (of one queue when given), oldest first, at most {@code limit} (100) per call. */
    @PostMapping("/api/v2/ops/dead-letters/replay")
    Map<String, Object> replayAll(Caller caller, @RequestParam(required = false) String queue,
                                  @RequestParam(required = false) Integer limit) {
        caller.requireAdmin();
        OpsController.requireNonBlank(queue, "queue");
        int n = Cursor.limit(limit == null ? Cursor.MAX_LIMIT : limit);
        List<ReplayView> outcomes = new ArrayList<>();
        for (long id : letters.newIds(queue, n)) {
            var replayed = letters.replay(letters.find(id).orElseThrow(), by(caller));
            outcomes.add(new ReplayView(replayed.outcome(), replayed.replayedNow(), replayed.reason(), view(replayed.letter())));
        }
        long sent = outcomes.stream().filter(ReplayView::replayedNow).count();
        audit.record(caller, "dead_letter_replay_all", queue == null ? "all queues" : queue,
                sent + " of " + outcomes.size() + " replayed",
                Map.of("ids", outcomes.stream().map(o -> o.deadLetter().id()).toList()));
        return Map.of("items", outcomes, "replayed", sent);
    }

    @Refuses({409})
    @PostMapping("/api/v2/ops/dead-letters/{id}/discard")
    LetterView discard(Caller caller, @PathVariable long id) {
        caller.requireAdmin();
        var letter = find(id);
        boolean discarded = letters.discard(id, by(caller));
        audit.record(caller, "dead_letter_discard", "dead_letter:" + id, discarded ? "discarded" : "refused: " + letter.status(),
                Map.of());
        if (!discarded && !"discarded".equals(letter.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "dead_letter_not_new",
                    "dead letter " + id + " is " + letter.status() + "; only a new one can be discarded", null);
        }
        return view(find(id));
    }

    @GetMapping("/api/v2/ops/audit")
    IdCursor.OpsPage<Map<String, Object>> audit(Caller caller, @RequestParam(required = false) String action,
                                               @RequestParam(required = false) Integer limit,
                                               @RequestParam(required = false) String cursor) {
        caller.requireAdmin();
        OpsController.requireNonBlank(action, "action");
        int n = Cursor.limit(limit);
        var page = IdCursor.page(audit.list(IdCursor.decode(cursor).beforeId(), action, n + 1), n, OpsAudit.Entry::id);
        return new IdCursor.OpsPage<>(page.items().stream().map(e -> {
            Map<String, Object> entry = new java.util.LinkedHashMap<>();
            entry.put("id", e.id());
            entry.put("at", e.at());
            entry.put("key_id", e.keyId());
            entry.put("key_name", e.keyName());
            entry.put("action", e.action());
            entry.put("target", e.target());
            entry.put("outcome", e.outcome());
            entry.put("detail", json.readTree(e.detail()));
            return entry;
        }).toList(), page.nextCursor());
    }

    private DeadLetterQueries.Letter find(long id) {
        return letters.find(id).orElseThrow(() -> ApiException.notFound("dead letter", id));
    }

    private LetterView view(DeadLetterQueries.Letter l) {
        return new LetterView(l.id(), l.queue(), l.exchange(), l.routingKey(), l.messageId(), l.messageType(), l.jobId(),
                l.reason(), l.payload(), json.readTree(l.headers()), l.firstSeenAt(), l.lastSeenAt(), l.timesSeen(),
                l.status(), l.actedAt(), l.actedBy(), l.replayMessageId(),
                Map.of("self", "/api/v2/ops/dead-letters/" + l.id(), "replay", "/api/v2/ops/dead-letters/" + l.id() + "/replay",
                        "discard", "/api/v2/ops/dead-letters/" + l.id() + "/discard"));
    }

    private static void checkStatus(String status) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid("status", "status must be one of new, replayed, discarded");
        }
    }

    static String by(Caller caller) {
        return caller.keyId() == null ? "ADMIN_API_KEY" : "key " + caller.keyId();
    }
}
