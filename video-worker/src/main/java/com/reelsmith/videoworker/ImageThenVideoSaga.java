package com.reelsmith.videoworker;

import com.reelsmith.model.ImageJobInput;
import com.reelsmith.model.JobFinished;
import com.reelsmith.model.JobKind;
import com.reelsmith.model.MediaRef;
import com.reelsmith.model.VideoJobInput;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.pricing.PriceTable;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.work.JobRunner;
import com.reelsmith.work.JobStep;
import com.reelsmith.work.ProviderProperties;
import com.reelsmith.work.StepResult;
import com.reelsmith.work.saga.ChildJobs;
import com.reelsmith.work.saga.FanOut;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * A video job, and the image-then-video saga for one with no start frame, all in this class.
 * Its states ({@code jobs.saga_state}) and transitions, each one conditional SQL update:
 *
 * <pre>
 *  on video.generate   claimed, start frame given            -> render video                  -> succeeded | failed | retrying
 *  on video.generate   claimed, no start frame, no saga yet  -> child image job + its command -> waiting (waiting_for_image)
 *  on image.succeeded  waiting_for_image                     -> running (generating_video)    -> render video from the child's image
 *  on image.failed     waiting_for_image                     -> failed with the child's error
 *  child running past SAGA_DEADLINE (from the child's start) -> failed (start_image_timeout), child canceled, its prediction too
 *  child failed, its event lost (sweeper)                    -> as on its event
 *  child succeeded, its event lost (sweeper)                 -> queued (generating_video) + command
 *  on video.generate   claimed, generating_video (a retry or a lost worker) -> render video from the child's image
 *  on video.generate   waiting on its prediction (a remote provider)  -> look at the prediction again
 * </pre>
 *
 * No thread waits for the child: the job waits in Postgres and the event (or the sweeper)
 * resumes it. The fan-out, its deadline and compensation are {@link ChildJobs}'s.
 */
@Component
class ImageThenVideoSaga {

    static final String WAITING_FOR_IMAGE = "waiting_for_image";
    static final String GENERATING_VIDEO = "generating_video";
    static final FanOut START_IMAGE = new FanOut(JobKind.VIDEO, "video-worker.image-events", WAITING_FOR_IMAGE,
            GENERATING_VIDEO, "start_image_timeout", "the start image could not be generated: ");

    private final JobRunner runner;
    private final ChildJobs children;
    private final VideoStep video;
    private final JdbcClient jdbc;
    private final PriceTable prices;
    private final boolean free;
    private final ObjectMapper json;

    ImageThenVideoSaga(JobRunner runner, ChildJobs children, VideoStep video, JdbcClient jdbc, PriceTable prices,
                       ProviderProperties provider, ObjectMapper json) {
        this.runner = runner;
        this.children = children;
        this.video = video;
        this.jdbc = jdbc;
        this.prices = prices;
        this.free = "local".equals(provider.name());
        this.json = json;
    }

    void onVideoCommand(UUID jobId) {
        runner.run(jobId, JobKind.VIDEO, this::stepFor);
    }

    void onImageFinished(JobFinished event) {
        children.onChildFinished(event, START_IMAGE).ifPresent(job -> runner.runClaimed(job, stepFor(job)));
    }

    /** The sweeper's part: sagas whose child overran, failed or finished without its event reaching them. */
    void sweepOverdue() {
        children.sweepOverdue(START_IMAGE);
    }

    private JobStep stepFor(Job job) {
        VideoJobInput input = json.readValue(job.input(), VideoJobInput.class);
        if (input.start() != null) {
            return video.from(input, input.start());
        }
        if (GENERATING_VIDEO.equals(job.sagaState())) {
            return childImage(job).map(image -> video.from(input, new MediaRef(MediaRef.IMAGE, image)))
                    .orElseGet(() -> fails("start_image_missing", "the generated start image of this video cannot be found"));
        }
        return askForStartImage(input);
    }

    private JobStep askForStartImage(VideoJobInput input) {
        // a production's scene names its keyframe's own prompt (the scene's image prompt, brand applied)
        boolean ownPrompt = input.startImagePrompt() != null;
        var childInput = new ImageJobInput(ownPrompt ? input.startImagePrompt() : input.prompt(),
                input.aspectRatio() == null ? "16:9" : input.aspectRatio(), "png", null, input.seed(),
                ownPrompt ? input.startImagePrompt() : input.effectivePrompt());
        return new JobStep() {
            @Override
            public StepResult start(Job job) {
                if (!children.start(job, START_IMAGE,
                        List.of(new ChildJobs.Child(JobKind.IMAGE, childInput, prices.image(free))))) {
                    throw new ProviderException("canceled", "the video was canceled before its start image was asked for",
                            false); // nothing is recorded: the job is no longer ours
                }
                return new StepResult.Parked(WAITING_FOR_IMAGE);
            }

            @Override
            public boolean record(Job job, StepResult.Done done) {
                throw new IllegalStateException("asking for a start image records nothing");
            }
        };
    }

    private Optional<UUID> childImage(Job job) {
        return jdbc.sql("""
                select result_id from jobs
                where parent_job_id = :parentId and kind = 'image' and status = 'succeeded'
                order by finished_at desc limit 1
                """).param("parentId", job.id()).query(UUID.class).optional();
    }

    private static JobStep fails(String code, String message) {
        return new JobStep() {
            @Override
            public StepResult start(Job job) {
                throw new ProviderException(code, message, false);
            }

            @Override
            public boolean record(Job job, StepResult.Done done) {
                return false;
            }
        };
    }
}
