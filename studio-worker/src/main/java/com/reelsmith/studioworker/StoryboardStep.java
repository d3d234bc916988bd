package com.reelsmith.studioworker;

import com.reelsmith.model.StoryboardJobInput;
import com.reelsmith.platform.brand.BrandBook;
import com.reelsmith.platform.brand.BrandedStoryboards;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.storyboards.Briefs;
import com.reelsmith.platform.storyboards.StoryboardConflict;
import com.reelsmith.platform.storyboards.Storyboards;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.studioworker.planner.Planner;
import com.reelsmith.studioworker.planner.Refinement;
import com.reelsmith.work.JobStep;
import com.reelsmith.work.ResultRecorder;
import com.reelsmith.work.StepResult;
import com.reelsmith.work.WorkerIdentity;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * What a storyboard job is: plan a brief into a storyboard (version 1, draft), or refine a
 * storyboard with feedback into its next version. The planner's work happens outside any
 * transaction; the storyboard rows, the job's move to succeeded and its event commit together.
 */
@Component
class StoryboardStep implements JobStep {

    /** A refinement racing an edit retries on the newer version this many times before giving up. */
    private static final int REFINE_TRIES = 3;

    private final Planner planner;
    private final Briefs briefs;
    private final Storyboards storyboards;
    private final StoryboardCosts costs;
    private final ResultRecorder results;
    private final JobTransitions jobs;
    private final WorkerIdentity worker;
    private final ObjectMapper json;
    private final BrandBook brand;

    StoryboardStep(Planner planner, Briefs briefs, Storyboards storyboards, StoryboardCosts costs,
                   ResultRecorder results, JobTransitions jobs, WorkerIdentity worker, ObjectMapper json,
                   BrandBook brand) {
        this.brand = brand;
        this.planner = planner;
        this.briefs = briefs;
        this.storyboards = storyboards;
        this.costs = costs;
        this.results = results;
        this.jobs = jobs;
        this.worker = worker;
        this.json = json;
    }

    @Override
    public StepResult start(Job job) {
        var input = json.readValue(job.input(), StoryboardJobInput.class);
        return StoryboardJobInput.REFINE.equals(input.action()) ? refine(job, input) : plan(job, input);
    }

    private StepResult plan(Job job, StoryboardJobInput input) {
        var brief = briefs.find(input.briefId()).orElseThrow(() -> new ProviderException("brief_not_found",
                "the brief " + input.briefId() + " of this job no longer exists", false)).brief();
        jobs.progress(job.id(), worker.id(), 20, "planning");
        // the client's brand reaches every scene's prompts, whichever planner wrote them
        var content = BrandedStoryboards.apply(planner.plan(brief), brand.of(brief.clientId()));
        UUID id = results.recordResult(job, BigDecimal.ZERO.setScale(4), () -> storyboards.create(brief, content,
                costs.estimate(content), Storyboards.Actor.PLANNER, planner.name() + " planner, "
                        + content.scenes().size() + " scenes, " + content.totalDurationS() + " s"));
        return new StepResult.Recorded(id, "storyboard of " + content.scenes().size() + " scenes");
    }

    private StepResult refine(Job job, StoryboardJobInput input) {
        jobs.progress(job.id(), worker.id(), 20, "refining");
        for (int attempt = 1; ; attempt++) {
            var row = storyboards.find(input.storyboardId()).orElseThrow(() -> new ProviderException(
                    "storyboard_not_found", "the storyboard " + input.storyboardId() + " no longer exists", false));
            var brief = briefs.find(row.briefId()).orElseThrow().brief();
            var current = storyboards.version(row.id(), row.currentVersion()).orElseThrow();
            Refinement planned = planner.refine(brief, current.content(), input.feedback());
            Refinement refined = new Refinement(BrandedStoryboards.apply(planned.content(), brand.of(brief.clientId())),
                    planned.applied(), planned.notApplied());
            var actor = new Storyboards.Actor(input.keyId(), input.keyName());
            try {
                UUID id = results.recordResult(job, BigDecimal.ZERO.setScale(4), () -> {
                    storyboards.append(row.id(), row.currentVersion(), refined.content(),
                            costs.estimate(refined.content()), actor, "refined", input.feedback(),
                            Map.of("applied", refined.applied(), "not_applied", refined.notApplied(),
                                    "job_id", job.id()));
                    return row.id();
                });
                return new StepResult.Recorded(id, "storyboard refined (" + refined.applied() + ")");
            } catch (StoryboardConflict e) {
                if (!"stale_version".equals(e.code()) || attempt >= REFINE_TRIES) {
                    throw new ProviderException(e.code(), "the storyboard could not be refined: " + e.getMessage(), false);
                }
            }
        }
    }

    @Override
    public boolean record(Job job, StepResult.Done done) {
        throw new IllegalStateException("a storyboard job records its own result");
    }
}
