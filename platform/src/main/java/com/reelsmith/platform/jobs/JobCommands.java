package com.reelsmith.platform.jobs;

import com.reelsmith.model.GenerateImageCommand;
import com.reelsmith.model.GenerateVideoCommand;
import com.reelsmith.model.JobKind;
import com.reelsmith.model.Message;
import com.reelsmith.model.PlanStoryboardCommand;
import java.util.UUID;

/** The command that asks a worker to run a job of a kind: one place, for the gateway and the sweeper. */
public final class JobCommands {

    private JobCommands() {
    }

    public static Message forJob(JobKind kind, UUID jobId, UUID correlationId) {
        return switch (kind) {
            case IMAGE -> GenerateImageCommand.of(jobId, correlationId);
            case VIDEO -> GenerateVideoCommand.of(jobId, correlationId);
            case STORYBOARD -> PlanStoryboardCommand.of(jobId, correlationId);
            case AD -> com.reelsmith.model.ProduceAdCommand.of(jobId, correlationId);
            case EXPORT -> com.reelsmith.model.ExportAdCommand.of(jobId, correlationId);
        };
    }

    /** The routing key (message type) of a kind's command. */
    public static String commandType(JobKind kind) {
        return switch (kind) {
            case IMAGE -> com.reelsmith.model.Routing.IMAGE_GENERATE;
            case VIDEO -> com.reelsmith.model.Routing.VIDEO_GENERATE;
            case STORYBOARD -> com.reelsmith.model.Routing.STORYBOARD_PLAN;
            case AD -> com.reelsmith.model.Routing.AD_PRODUCE;
            case EXPORT -> com.reelsmith.model.Routing.AD_EXPORT;
        };
    }
}
