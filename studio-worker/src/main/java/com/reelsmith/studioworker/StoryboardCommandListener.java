package com.reelsmith.studioworker;

import com.reelsmith.model.JobKind;
import com.reelsmith.model.PlanStoryboardCommand;
import com.reelsmith.platform.messaging.InboundMessages;
import com.reelsmith.work.JobRunner;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** The edge: a storyboard.plan message becomes a run of the job. Acked when this returns. */
@Component
class StoryboardCommandListener {

    private final InboundMessages inbound;
    private final JobRunner runner;
    private final StoryboardStep step;

    StoryboardCommandListener(InboundMessages inbound, JobRunner runner, StoryboardStep step) {
        this.inbound = inbound;
        this.runner = runner;
        this.step = step;
    }

    @RabbitListener(queues = "#{@routing.studioWorkerCommands()}")
    void onCommand(Message message) {
        inbound.consume(message, PlanStoryboardCommand.class,
                command -> runner.run(command.jobId(), JobKind.STORYBOARD, job -> step));
    }
}
