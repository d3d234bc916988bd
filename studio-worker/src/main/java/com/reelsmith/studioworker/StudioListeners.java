package com.reelsmith.studioworker;

import com.reelsmith.model.JobFinished;
import com.reelsmith.model.JobKind;
import com.reelsmith.model.Routing;
import com.reelsmith.platform.messaging.InboundMessages;
import com.reelsmith.platform.messaging.PoisonMessage;
import com.reelsmith.studioworker.productions.Productions;
import com.reelsmith.work.JobRunner;
import java.util.UUID;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * The edge: the studio worker's one command queue carries planning, production and export
 * commands (told apart by their type), and its video-events queue its productions' scene clips
 * finishing. Acked when these return.
 */
@Component
class StudioListeners {

    /** What every command carries; the type says which job runs. */
    record StudioCommand(UUID jobId, String type) {
    }

    private final InboundMessages inbound;
    private final JobRunner runner;
    private final StoryboardStep storyboards;
    private final Productions productions;

    StudioListeners(InboundMessages inbound, JobRunner runner, StoryboardStep storyboards, Productions productions) {
        this.inbound = inbound;
        this.runner = runner;
        this.storyboards = storyboards;
        this.productions = productions;
    }

    @RabbitListener(queues = "#{@routing.studioWorkerCommands()}")
    void onCommand(Message message) {
        inbound.consume(message, StudioCommand.class, command -> {
            if (command.jobId() == null || command.type() == null) {
                throw new PoisonMessage("a studio command without job id or type");
            }
            switch (command.type()) {
                case Routing.STORYBOARD_PLAN -> runner.run(command.jobId(), JobKind.STORYBOARD, job -> storyboards);
                case Routing.AD_PRODUCE -> productions.onProduce(command.jobId());
                case Routing.AD_EXPORT -> productions.onExport(command.jobId());
                default -> throw new PoisonMessage("the studio worker has no command " + command.type());
            }
        });
    }

    @RabbitListener(queues = "#{@routing.studioWorkerVideoEvents()}")
    void onVideoEvent(Message message) {
        inbound.consume(message, JobFinished.class, productions::onVideoFinished);
    }
}
