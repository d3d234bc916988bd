package com.reelsmith.videoworker;

import com.reelsmith.model.GenerateVideoCommand;
import com.reelsmith.model.JobFinished;
import com.reelsmith.platform.messaging.InboundMessages;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** The edge: video commands and image events become calls on the saga. Acked when these return. */
@Component
class VideoListeners {

    private final InboundMessages inbound;
    private final ImageThenVideoSaga saga;

    VideoListeners(InboundMessages inbound, ImageThenVideoSaga saga) {
        this.inbound = inbound;
        this.saga = saga;
    }

    @RabbitListener(queues = "#{@routing.videoWorkerCommands()}")
    void onCommand(Message message) {
        inbound.consume(message, GenerateVideoCommand.class, command -> saga.onVideoCommand(command.jobId()));
    }

    @RabbitListener(queues = "#{@routing.videoWorkerImageEvents()}")
    void onImageEvent(Message message) {
        inbound.consume(message, JobFinished.class, saga::onImageFinished);
    }
}
