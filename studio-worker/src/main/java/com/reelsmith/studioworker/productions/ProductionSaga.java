package com.reelsmith.studioworker.productions;

import com.reelsmith.model.JobFinished;
import com.reelsmith.model.JobKind;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.work.JobRunner;
import com.reelsmith.work.JobStep;
import com.reelsmith.work.StepResult;
import com.reelsmith.work.WorkerIdentity;
import com.reelsmith.work.saga.ChildJobs;
import com.reelsmith.work.saga.FanOut;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A production (a job of kind {@code ad}): a windowed fan-out of one video job per scene, then
 * music and assembly. Its states ({@code jobs.saga_state}) and transitions, each one conditional
 * SQL update:
 *
 * <pre>
 *  on ad.produce      claimed, scenes left to make        -> first cap scene jobs + commands -> waiting (making_scenes)
 *  on video.succeeded making_scenes, scenes left to start -> next scene job + command (same transaction)
 *  on video.succeeded making_scenes, every scene's clip   -> running (assembling) -> music, assembly -> succeeded
 *  on video.failed    making_scenes                       -> failed naming the scene; the other scene jobs canceled
 *  scene job past the scene deadline / event lost (sweeper) -> as on its event
 *  on ad.produce      claimed, assembling or no scene left (a retry, a lost worker) -> music, assembly
 *  music on Replicate, none kept yet -> a musicgen prediction with the webhook URL -> waiting (assembling, on it)
 *  on ad.produce      waiting on the music prediction (its webhook, or the sweeper's look when it is lost)
 *                     -> running; done: music charged once and kept, prediction let go -> assembly -> succeeded
 *                              still running: -> waiting on it again
 * </pre>
 * A retried assembly (the job's next attempt, or a production retrying this one) reuses the music kept.
 */
@Component
class ProductionSaga {

    static final String MAKING_SCENES = "making_scenes";
    static final String ASSEMBLING = "assembling";

    private final JobRunner runner;
    private final ChildJobs children;
    private final SceneClips scenes;
    private final ProductionRows rows;
    private final AdAssembly assembly;
    private final JobTransitions jobs;
    private final WorkerIdentity worker;
    private final FanOut fanOut;

    ProductionSaga(JobRunner runner, ChildJobs children, SceneClips scenes, ProductionRows rows, AdAssembly assembly,
                   JobTransitions jobs, WorkerIdentity worker, ProductionProperties properties) {
        this.runner = runner;
        this.children = children;
        this.scenes = scenes;
        this.rows = rows;
        this.assembly = assembly;
        this.jobs = jobs;
        this.worker = worker;
        this.fanOut = new FanOut(JobKind.AD, "studio-worker.video-events", MAKING_SCENES, ASSEMBLING, "scene_timeout",
                "a scene could not be made: ", properties.sceneDeadline());
    }

    void onCommand(UUID jobId) {
        runner.run(jobId, JobKind.AD, this::stepFor);
    }

    /** A video job finished; it matters only when it is one of a production's scenes. */
    void onVideoFinished(JobFinished event) {
        if (event.parentJobId() == null || !rows.isProduction(event.parentJobId())) {
            return;
        }
        children.onChildFinished(event, fanOut, scenes).ifPresentOrElse(job -> runner.runClaimed(job, assembly),
                () -> showProgress(event.parentJobId()));
    }

    void sweepOverdue() {
        children.sweepOverdue(fanOut, scenes);
    }

    private JobStep stepFor(Job job) {
        boolean allMade = rows.scenes(job.id()).stream().allMatch(scene -> scene.clip() != null);
        return ASSEMBLING.equals(job.sagaState()) || allMade ? assembly : makeScenes;
    }

    private void showProgress(UUID productionId) {
        var all = rows.scenes(productionId);
        long made = all.stream().filter(scene -> scene.clip() != null).count();
        jobs.progressWaiting(productionId, 10 + (int) (70 * made / Math.max(1, all.size())), MAKING_SCENES);
    }

    private final JobStep makeScenes = new JobStep() {
        @Override
        public StepResult start(Job job) {
            jobs.progress(job.id(), worker.id(), 5, MAKING_SCENES);
            if (!children.start(job, fanOut, scenes)) {
                throw new ProviderException("canceled", "the production was canceled before its scenes were started",
                        false); // nothing is recorded: the job is no longer ours
            }
            return new StepResult.Parked(MAKING_SCENES);
        }

        @Override
        public boolean record(Job job, StepResult.Done done) {
            throw new IllegalStateException("starting scenes records nothing");
        }
    };
}
