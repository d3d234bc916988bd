package com.reelsmith.imageworker;

import com.reelsmith.model.GenerateImageCommand;
import com.reelsmith.platform.messaging.DeadLetters;
import com.reelsmith.platform.messaging.InboundMessages;
import com.reelsmith.platform.messaging.PoisonMessage;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** The edge: an image.generate message becomes a call on the runner. Acked when this returns. */
@Component
class ImageCommandListener {

    private final InboundMessages inbound;
    private final ImageJobRunner runner;
    private final DeadLetters deadLetters;

    ImageCommandListener(InboundMessages inbound, ImageJobRunner runner, DeadLetters deadLetters) {
        this.inbound = inbound;
        this.runner = runner;
        this.deadLetters = deadLetters;
    }

    @RabbitListener(queues = "#{@routing.imageWorkerCommands()}")
    void onCommand(Message message) {
        try {
            runner.run(inbound.read(message, GenerateImageCommand.class).jobId());
        } catch (PoisonMessage poison) {
            deadLetters.recover(message, poison);
        }
    }
}
