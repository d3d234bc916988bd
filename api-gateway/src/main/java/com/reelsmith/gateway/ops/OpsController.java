package com.reelsmith.gateway.ops;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.gateway.system.Cursor;
import com.reelsmith.gateway.system.Page;
import com.reelsmith.platform.jobs.DueJobs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What an operator watches, admin key only: the queues (depth, consumers, rates, dead-letter
 * depth), the outbox backlog, jobs by kind and status, the stuck ones and the oldest waiting saga.
 * The same on RabbitMQ and on the embedded broker of the standalone mode.
 */
@RestController
class OpsController {

    private final QueueStats queues;
    private final OpsQueries queries;
    private final DueJobs due;
    private final StuckJobs stuck;
    private final OpsAudit audit;
    private final OpsProperties properties;

    OpsController(QueueStats queues, OpsQueries queries, DueJobs due, StuckJobs stuck, OpsAudit audit,
                  OpsProperties properties) {
        this.queues = queues;
        this.queries = queries;
        this.due = due;
        this.stuck = stuck;
        this.audit = audit;
        this.properties = properties;
    }

    @GetMapping("/api/v2/ops")
    Map<String, Object> overview(Caller caller) {
        caller.requireAdmin();
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("queues", queues.all());
        all.put("outbox", queries.outbox());
        all.put("jobs", jobs(caller));
        all.put("dead_letters", queries.deadLetters());
        return all;
    }

    @GetMapping("/api/v2/ops/queues")
    Map<String, List<QueueStats.QueueView>> queues(Caller caller) {
        caller.requireAdmin();
        return Map.of("items", queues.all());
    }

    @GetMapping("/api/v2/ops/outbox")
    OpsQueries.OutboxBacklog outbox(Caller caller) {
        caller.requireAdmin();
        return queries.outbox();
    }

    @GetMapping("/api/v2/ops/jobs")
    Map<String, Object> jobs(Caller caller) {
        caller.requireAdmin();
        Map<String, Object> jobs = new LinkedHashMap<>();
        jobs.put("by_kind_and_status", queries.jobsByKindAndStatus());
        jobs.put("stuck_after_seconds", properties.stuckAfter().toSeconds());
        jobs.put("oldest_waiting_saga", due.oldestWaitingSaga().orElse(null));
        jobs.put("stuck", "/api/v2/ops/jobs/stuck");
        return jobs;
    }

    /** Unfinished jobs untouched for longer than OPS_STUCK_AFTER, oldest first. */
    @GetMapping("/api/v2/ops/jobs/stuck")
    Page<DueJobs.Stuck> stuck(Caller caller, @RequestParam(required = false) Integer limit,
                              @RequestParam(required = false) String cursor) {
        caller.requireAdmin();
        int n = Cursor.limit(limit);
        DueJobs.Stuck after = null;
        if (cursor != null && !cursor.isBlank()) {
            Cursor position = Cursor.decode(cursor);
            after = new DueJobs.Stuck(position.id(), null, null, null, null, null, 0, null, position.createdAt(), null);
        }
        return Page.of(stuck.page(after, n + 1), n, s -> new Cursor(s.createdAt(), s.id()));
    }

    /** Fails every stuck top-level job (code stuck) and retries each as a new job; at most {@code limit} (100) per call. */
    @PostMapping("/api/v2/ops/jobs/retry-stuck")
    Map<String, Object> retryStuck(Caller caller, @RequestParam(required = false) Integer limit) {
        caller.requireAdmin();
        int n = Cursor.limit(limit == null ? Cursor.MAX_LIMIT : limit);
        List<StuckJobs.Outcome> outcomes = stuck.retryAll(n);
        long retried = outcomes.stream().filter(o -> "retried".equals(o.result())).count();
        audit.record(caller, "retry_stuck", null, retried + " of " + outcomes.size() + " retried",
                Map.of("outcomes", outcomes));
        return Map.of("items", outcomes, "retried", retried);
    }

    static void requireNonBlank(String value, String field) {
        if (value != null && value.isBlank()) {
            throw ApiException.invalid(field, field + " must not be blank");
        }
    }
}
