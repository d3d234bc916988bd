package com.reelsmith.imageworker;

import com.reelsmith.model.GenerateImageCommand;
import com.reelsmith.platform.messaging.InboundMessages;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** The edge: an image.generate message becomes a call on the runner. Acked when this returns. */
@Component
class ImageCommandListener {

    private final InboundMessages inbound;
    private final ImageJobRunner runner;

    ImageCommandListener(InboundMessages inbound, ImageJobRunner runner) {
        this.inbound = inbound;
        this.runner = runner;
    }

    @RabbitListener(queues = "#{@routing.imageWorkerCommands()}")
    void onCommand(Message message) {
        inbound.consume(message, GenerateImageCommand.class, command -> runner.run(command.jobId()));
    }
}
