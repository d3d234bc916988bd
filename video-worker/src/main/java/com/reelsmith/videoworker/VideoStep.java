package com.reelsmith.videoworker;

import com.reelsmith.model.MediaRef;
import com.reelsmith.model.VideoJobInput;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.provider.VideoRequest;
import com.reelsmith.work.GenerationProvider;
import com.reelsmith.work.JobStep;
import com.reelsmith.work.LoadedMedia;
import com.reelsmith.work.MediaSources;
import com.reelsmith.work.ResultRecorder;
import com.reelsmith.work.StepResult;
import com.reelsmith.work.WorkerIdentity;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The video step itself: a start frame and the job's input in, an MP4 recorded out. */
@Component
class VideoStep {

    private final GenerationProvider provider;
    private final MediaSources sources;
    private final ResultRecorder results;
    private final JobTransitions jobs;
    private final WorkerIdentity worker;

    VideoStep(GenerationProvider provider, MediaSources sources, ResultRecorder results, JobTransitions jobs,
              WorkerIdentity worker) {
        this.provider = provider;
        this.sources = sources;
        this.results = results;
        this.jobs = jobs;
        this.worker = worker;
    }

    JobStep from(VideoJobInput input, MediaRef startFrame) {
        return new JobStep() {
            @Override
            public StepResult start(Job job) {
                LoadedMedia start = sources.load(startFrame, job.clientId()).orElseThrow(() -> new ProviderException(
                        "reference_not_found", "the start frame " + startFrame.type() + " " + startFrame.id()
                        + " no longer exists", false));
                jobs.progress(job.id(), worker.id(), 50, "generating_video");
                return provider.video(job, new VideoRequest(job.id(), input.promptToSend(), start.image(),
                        input.durationS() == null ? 5 : input.durationS(), input.mode() == null ? "standard" : input.mode(),
                        input.negativePrompt(), input.aspectRatio()), start);
            }

            @Override
            public boolean record(Job job, StepResult.Done done) {
                UUID sourceImage = MediaRef.IMAGE.equals(startFrame.type()) ? startFrame.id() : null;
                return results.recordVideo(job, input.prompt(), sourceImage, done.media(), done.providerUrl(),
                        job.estimatedCostUsd());
            }
        };
    }
}
