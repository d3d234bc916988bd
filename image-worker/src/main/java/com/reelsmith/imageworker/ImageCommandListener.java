package com.reelsmith.imageworker;

import com.reelsmith.model.GenerateImageCommand;
import com.reelsmith.model.JobKind;
import com.reelsmith.platform.messaging.InboundMessages;
import com.reelsmith.work.JobRunner;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** The edge: an image.generate message becomes a run of the job. Acked when this returns. */
@Component
class ImageCommandListener {

    private final InboundMessages inbound;
    private final JobRunner runner;
    private final ImageStep step;

    ImageCommandListener(InboundMessages inbound, JobRunner runner, ImageStep step) {
        this.inbound = inbound;
        this.runner = runner;
        this.step = step;
    }

    @RabbitListener(queues = "#{@routing.imageWorkerCommands()}")
    void onCommand(Message message) {
        inbound.consume(message, GenerateImageCommand.class, command -> runner.run(command.jobId(), JobKind.IMAGE, job -> step));
    }
}
