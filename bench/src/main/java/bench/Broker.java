package bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.List;

/** Leaves no queue of an earlier run behind (the names of Routing.everyQueue()): a fresh database must not meet old commands. */
final class Broker {

    private Broker() {
    }

    static void deleteQueues(String prefix) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(Bench.env("AMQP_URL", "amqp://guest:guest@127.0.0.1:5672"));
        try (Connection amqp = factory.newConnection("reelsmith-bench-cleanup")) {
            for (String queue : List.of("image-worker.commands", "video-worker.commands", "studio-worker.commands",
                    "video-worker.image-events", "studio-worker.video-events", "gateway.client-events")) {
                for (String name : List.of(prefix + "." + queue, prefix + "." + queue + ".dlq")) {
                    try (Channel ch = amqp.createChannel()) {
                        ch.queueDelete(name);
                    }
                }
            }
        }
    }
}
