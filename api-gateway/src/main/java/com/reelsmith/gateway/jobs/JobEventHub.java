package com.reelsmith.gateway.jobs;

import com.reelsmith.platform.jdbc.Rows;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.Exchange;
import org.springframework.amqp.rabbit.annotation.Queue;
import org.springframework.amqp.rabbit.annotation.QueueBinding;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Live job streams of this gateway instance. Each instance consumes the events exchange through
 * a queue of its own (exclusive, deleted with the connection), so every instance hears every
 * job's end and a client's cancel within the relay's latency, whichever instance holds the
 * stream; on such a notification it re-reads the job (and its children) and sends what changed.
 * Progress and stage changes publish no event, so a cheap fallback re-reads every watched job
 * every {@code reelsmith.job-events.refresh} (2 s by default): one query per open stream, not a
 * loop per client. A heartbeat comment keeps idle connections (and proxies) open.
 */
@Component
class JobEventHub implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(JobEventHub.class);

    record JobState(UUID id, UUID parentJobId, String kind, String status, int progress, String currentStage,
                    UUID resultId, String errorCode, String errorMessage, Instant finishedAt) {

        boolean terminal() {
            return Set.of("succeeded", "failed", "canceled").contains(status);
        }
    }

    /** One open stream: a job, maybe with its children, and what it was last sent of each. */
    private final class Stream {
        final UUID jobId;
        final boolean withChildren;
        final SseEmitter emitter;
        final Map<UUID, JobState> sent = new HashMap<>();
        long nextId = 1;
        boolean closed;

        Stream(UUID jobId, boolean withChildren, SseEmitter emitter) {
            this.jobId = jobId;
            this.withChildren = withChildren;
            this.emitter = emitter;
        }

        /** Sends what changed since the last look; ends the stream with done when the job is terminal. */
        synchronized void refresh() {
            if (closed) {
                return;
            }
            try {
                List<JobState> states = read(jobId, withChildren);
                JobState root = states.stream().filter(s -> s.id().equals(jobId)).findFirst().orElse(null);
                if (root == null) {
                    close();
                    return;
                }
                for (JobState state : states) {
                    if (!state.id().equals(jobId)) {
                        sendChanges(state);
                    }
                }
                sendChanges(root);
                if (root.terminal()) {
                    send("done", data(root));
                    close();
                }
            } catch (IOException | IllegalStateException e) {
                close(); // the client went away
            } catch (RuntimeException e) {
                log.debug("job stream {}: cannot refresh now: {}", jobId, e.toString()); // the next notification or look will
            }
        }

        private void sendChanges(JobState now) throws IOException {
            JobState before = sent.put(now.id(), now);
            if (before == null || !before.status().equals(now.status())) {
                send("status", data(now));
                return; // a status event carries progress and stage too
            }
            if (before.progress() != now.progress()) {
                send("progress", Map.of("job_id", now.id(), "progress", now.progress()));
            }
            if (!Objects.equals(before.currentStage(), now.currentStage())) {
                Map<String, Object> stage = new LinkedHashMap<>();
                stage.put("job_id", now.id());
                stage.put("current_stage", now.currentStage());
                send("stage", stage);
            }
        }

        private void send(String event, Object data) throws IOException {
            emitter.send(SseEmitter.event().id(Long.toString(nextId++)).name(event).data(json.writeValueAsString(data)));
        }

        synchronized void heartbeat() {
            if (closed) {
                return;
            }
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException e) {
                close();
            }
        }

        synchronized void close() {
            if (!closed) {
                closed = true;
                streams.remove(this);
                try {
                    emitter.complete();
                } catch (RuntimeException ignored) {
                    // already completed by the container
                }
            }
        }
    }

    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Duration streamTimeout;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "job-streams");
        t.setDaemon(true);
        return t;
    });

    JobEventHub(JdbcClient jdbc, ObjectMapper json,
                @Value("${reelsmith.job-events.refresh:2s}") Duration refresh,
                @Value("${reelsmith.job-events.heartbeat:15s}") Duration heartbeat,
                @Value("${reelsmith.job-events.stream-timeout:1h}") Duration streamTimeout) {
        this.jdbc = jdbc;
        this.json = json;
        this.streamTimeout = streamTimeout;
        timer.scheduleWithFixedDelay(() -> streams.forEach(Stream::refresh), refresh.toMillis(), refresh.toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> streams.forEach(Stream::heartbeat), heartbeat.toMillis(), heartbeat.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Opens a stream: the first events are the current state (and done at once for a finished job). */
    SseEmitter open(UUID jobId, boolean withChildren) {
        SseEmitter emitter = new SseEmitter(streamTimeout.toMillis());
        Stream stream = new Stream(jobId, withChildren, emitter);
        emitter.onCompletion(stream::close);
        emitter.onTimeout(stream::close);
        emitter.onError(e -> stream.close());
        streams.add(stream);
        stream.refresh();
        return emitter;
    }

    /** Every job event, on this instance's own queue: the streams of that job (or its parent) look again. */
    @RabbitListener(bindings = @QueueBinding(
            value = @Queue(exclusive = "true", autoDelete = "true", durable = "false"),
            exchange = @Exchange(value = "#{@routing.eventsExchange()}", type = "topic", declare = "false"),
            key = {"*.succeeded", "*.failed", "*.canceled", "job.*", "production.*"}))
    void onJobEvent(Message message) {
        try {
            JsonNode event = json.readTree(message.getBody());
            UUID job = uuid(event.path("job_id"));
            UUID parent = uuid(event.path("parent_job_id"));
            if (job == null || streams.isEmpty()) {
                return;
            }
            for (Stream stream : streams) {
                if (stream.jobId.equals(job) || (parent != null && stream.jobId.equals(parent))) {
                    timer.execute(stream::refresh);
                }
            }
        } catch (RuntimeException e) {
            log.debug("job streams: unreadable event ignored: {}", e.toString()); // the fallback look still comes
        }
    }

    int openStreams() {
        return streams.size();
    }

    private List<JobState> read(UUID jobId, boolean withChildren) {
        return jdbc.sql("""
                select id, parent_job_id, kind, status, progress, current_stage, result_id, error_code, error_message,
                       finished_at
                from jobs where id = :id or (:children and parent_job_id = :id)
                order by created_at
                """).param("id", jobId).param("children", withChildren).query(Rows.of(JobState.class)).list();
    }

    private static Map<String, Object> data(JobState s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("job_id", s.id());
        data.put("parent_job_id", s.parentJobId());
        data.put("kind", s.kind());
        data.put("status", s.status());
        data.put("progress", s.progress());
        data.put("current_stage", s.currentStage());
        data.put("result_id", s.resultId());
        data.put("error", s.errorCode() == null ? null : Map.of("code", s.errorCode(),
                "message", s.errorMessage() == null ? "" : s.errorMessage()));
        data.put("finished_at", s.finishedAt());
        return data;
    }

    private static UUID uuid(JsonNode node) {
        if (node == null || !node.isString()) {
            return null;
        }
        try {
            return UUID.fromString(node.asString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        streams.forEach(Stream::close);
    }
}
