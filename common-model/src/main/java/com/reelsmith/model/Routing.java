package com.reelsmith.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Every exchange, routing key and queue name, in one place. Names start with a prefix
 * ({@code AMQP_PREFIX}, default {@code reelsmith}) so environments and test runs never share queues.
 */
public final class Routing {

    public static final String IMAGE_GENERATE = "image.generate";
    public static final String VIDEO_GENERATE = "video.generate";
    public static final String STORYBOARD_PLAN = "storyboard.plan";
    public static final String AD_PRODUCE = "ad.produce";
    public static final String AD_EXPORT = "ad.export";
    public static final String IMAGE_SUCCEEDED = "image.succeeded";
    public static final String IMAGE_FAILED = "image.failed";
    public static final String VIDEO_SUCCEEDED = "video.succeeded";
    public static final String VIDEO_FAILED = "video.failed";
    public static final String JOB_PROGRESS = "job.progress";

    private final String prefix;

    public Routing(String prefix) {
        if (prefix == null || !prefix.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("AMQP prefix must be 1-100 of [A-Za-z0-9._-], was " + prefix);
        }
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String commandsExchange() {
        return prefix + ".commands";
    }

    public String eventsExchange() {
        return prefix + ".events";
    }

    public String imageWorkerCommands() {
        return prefix + ".image-worker.commands";
    }

    public String videoWorkerCommands() {
        return prefix + ".video-worker.commands";
    }

    public String studioWorkerCommands() {
        return prefix + ".studio-worker.commands";
    }

    public String videoWorkerImageEvents() {
        return prefix + ".video-worker.image-events";
    }

    /** The studio worker's own queue of video events: its productions' scene clips finishing. */
    public String studioWorkerVideoEvents() {
        return prefix + ".studio-worker.video-events";
    }

    /** The gateway's queue of the events it forwards to clients' webhook endpoints. */
    public String gatewayClientEvents() {
        return prefix + ".gateway.client-events";
    }

    /**
     * Every queue the services declare under this prefix, each followed by its dead-letter queue.
     * What a test run deletes when it is done: on RabbitMQ a left-over quorum queue keeps broker
     * resources (file handles) until it is deleted, and enough of them stop the broker taking connections.
     */
    public List<String> everyQueue() {
        List<String> queues = new ArrayList<>();
        for (String queue : List.of(imageWorkerCommands(), videoWorkerCommands(), studioWorkerCommands(),
                videoWorkerImageEvents(), studioWorkerVideoEvents(), gatewayClientEvents())) {
            queues.add(queue);
            queues.add(deadLetterQueueOf(queue));
        }
        return List.copyOf(queues);
    }

    public static String deadLetterQueueOf(String queue) {
        return queue + ".dlq";
    }
}
