package com.reelsmith.imageworker;

import com.reelsmith.model.ImageJobInput;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.provider.ImageRequest;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.work.GenerationProvider;
import com.reelsmith.work.JobStep;
import com.reelsmith.work.LoadedMedia;
import com.reelsmith.work.MediaSources;
import com.reelsmith.work.ResultRecorder;
import com.reelsmith.work.StepResult;
import com.reelsmith.work.WorkerIdentity;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** What an image job is: its request built from the job's input (with its reference image, if any), and its result kept. */
@Component
class ImageStep implements JobStep {

    private final GenerationProvider provider;
    private final MediaSources sources;
    private final ResultRecorder results;
    private final JobTransitions jobs;
    private final WorkerIdentity worker;
    private final ObjectMapper json;

    ImageStep(GenerationProvider provider, MediaSources sources, ResultRecorder results, JobTransitions jobs,
              WorkerIdentity worker, ObjectMapper json) {
        this.provider = provider;
        this.sources = sources;
        this.results = results;
        this.jobs = jobs;
        this.worker = worker;
        this.json = json;
    }

    @Override
    public StepResult start(Job job) {
        var input = json.readValue(job.input(), ImageJobInput.class);
        LoadedMedia reference = input.reference() == null ? null
                : sources.load(input.reference(), job.clientId()).orElseThrow(() -> new ProviderException(
                "reference_not_found", "the referenced " + input.reference().type() + " " + input.reference().id()
                + " no longer exists", false));
        jobs.progress(job.id(), worker.id(), 20, "generating_image");
        return provider.image(job, new ImageRequest(job.id(), input.promptToSend(),
                reference == null ? List.of() : List.of(reference.image()), input.aspectRatio(),
                input.outputFormat(), input.seed() == null ? 0L : input.seed()), reference);
    }

    @Override
    public boolean record(Job job, StepResult.Done done) {
        var input = json.readValue(job.input(), ImageJobInput.class);
        return results.recordImage(job, input.prompt(), done.media(), done.providerUrl(), job.estimatedCostUsd());
    }
}
