package com.reelsmith.videoworker;

import com.reelsmith.model.GenerateVideoCommand;
import com.reelsmith.model.JobFinished;
import com.reelsmith.platform.messaging.DeadLetters;
import com.reelsmith.platform.messaging.InboundMessages;
import com.reelsmith.platform.messaging.PoisonMessage;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** The edge: video commands and image events become calls on the saga. Acked when these return. */
@Component
class VideoListeners {

    private final InboundMessages inbound;
    private final ImageThenVideoSaga saga;
    private final DeadLetters deadLetters;

    VideoListeners(InboundMessages inbound, ImageThenVideoSaga saga, DeadLetters deadLetters) {
        this.inbound = inbound;
        this.saga = saga;
        this.deadLetters = deadLetters;
    }

    @RabbitListener(queues = "#{@routing.videoWorkerCommands()}")
    void onCommand(Message message) {
        try {
            saga.onVideoCommand(inbound.read(message, GenerateVideoCommand.class).jobId());
        } catch (PoisonMessage poison) {
            deadLetters.recover(message, poison);
        }
    }

    @RabbitListener(queues = "#{@routing.videoWorkerImageEvents()}")
    void onImageEvent(Message message) {
        try {
            saga.onImageFinished(inbound.read(message, JobFinished.class));
        } catch (PoisonMessage poison) {
            deadLetters.recover(message, poison);
        }
    }
}
