package com.reelsmith.platform.messaging;

import com.reelsmith.model.Message;
import com.reelsmith.model.Routing;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.ObjectMapper;

/**
 * The only way a service emits a message: a row written in the caller's transaction, so the
 * message exists exactly when the business change does. {@link OutboxRelay} sends it.
 */
public class Outbox {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Routing routing;
    private final OutboxSignal signal;

    public Outbox(JdbcClient jdbc, ObjectMapper json, Routing routing, OutboxSignal signal) {
        this.jdbc = jdbc;
        this.json = json;
        this.routing = routing;
        this.signal = signal;
    }

    /** A command to one worker queue; the routing key is the message's type. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void sendCommand(Message command) {
        append(routing.commandsExchange(), command.type(), command);
    }

    /** An event to whoever listens; the routing key is the message's type. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void publishEvent(Message event) {
        append(routing.eventsExchange(), event.type(), event);
    }

    /**
     * A message sent again as it was first sent (a dead letter an operator replays): its body and
     * the application's headers kept, a new message id ({@code messageId}, chosen by the caller so
     * a replay repeated is the same row: false then), and {@code replay_of} naming the original.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean resend(UUID messageId, String exchange, String routingKey, String type, Map<String, Object> original,
                          String payloadJson) {
        Map<String, Object> headers = new LinkedHashMap<>();
        for (String name : new String[] {"type", "version", "correlation_id", "job_id", "traceparent"}) {
            if (original.get(name) != null) {
                headers.put(name, original.get(name));
            }
        }
        headers.put("message_id", messageId.toString());
        headers.put("replay_of", String.valueOf(original.getOrDefault("message_id", "")));
        boolean written = jdbc.sql("""
                insert into outbox (message_id, exchange, routing_key, type, headers, payload)
                values (:messageId, :exchange, :routingKey, :type, cast(:headers as jsonb), cast(:payload as jsonb))
                on conflict (message_id) do nothing
                """)
                .param("messageId", messageId).param("exchange", exchange).param("routingKey", routingKey)
                .param("type", type == null ? routingKey : type).param("headers", json.writeValueAsString(headers))
                .param("payload", payloadJson).update() == 1;
        signal.afterCommit();
        return written;
    }

    /**
     * Messages of a routing key on their way, not lost: written but not yet confirmed by the
     * broker, or confirmed in the last few seconds for a job still queued. A quorum queue may
     * confirm a message a moment before its ready count shows it; counting those twice (here and
     * in the queue) errs on the side of not sending a command again, and only for queued jobs, so
     * a steady stream of other commands cannot hide a lost one.
     */
    public int onTheirWay(String routingKey) {
        return jdbc.sql("""
                select count(*) from outbox o
                where o.routing_key = :key
                  and (o.published_at is null
                       or (o.published_at > now() - interval '5 seconds'
                           and exists (select 1 from jobs j where j.id = (o.headers->>'job_id')::uuid and j.status = 'queued')))
                """).param("key", routingKey).query(Integer.class).single();
    }

    private void append(String exchange, String routingKey, Message message) {
        Map<String, Object> headers = new LinkedHashMap<>();
        headers.put("message_id", message.messageId().toString());
        headers.put("type", message.type());
        headers.put("version", message.version());
        headers.put("correlation_id", message.correlationId().toString());
        if (message.jobId() != null) { // an event about something other than a job (a storyboard approved) names none
            headers.put("job_id", message.jobId().toString());
        }
        headers.put("traceparent", Traceparent.of(message.correlationId()));
        jdbc.sql("""
                insert into outbox (message_id, exchange, routing_key, type, headers, payload)
                values (:messageId, :exchange, :routingKey, :type, cast(:headers as jsonb), cast(:payload as jsonb))
                """)
                .param("messageId", message.messageId()).param("exchange", exchange).param("routingKey", routingKey)
                .param("type", message.type()).param("headers", json.writeValueAsString(headers))
                .param("payload", json.writeValueAsString(message)).update();
        signal.afterCommit();
    }
}
