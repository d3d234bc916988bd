package com.reelsmith.videoworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.Routing;
import com.reelsmith.testing.Eventually;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.media.MediaStore;
import com.reelsmith.provider.VideoFrames;
import com.reelsmith.testing.EventTap;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;

@ExtendWith(OutputCaptureExtension.class)
class ImageThenVideoSagaTest extends VideoWorkerTestBase {

    static final String PROMPT_ONLY = """
            {"prompt": "a red sneaker on a beach", "negative_prompt": null, "duration_s": 5, "mode": "standard",
             "aspect_ratio": "16:9", "start": null, "seed": 11}
            """;

    @Autowired
    MediaStore media;

    @Test
    void aVideoWithAStartImageIsRenderedWithoutAChildJob() throws Exception {
        UUID image = existingImage();

        UUID video = submitVideoJob("""
                {"prompt": "slow pan", "negative_prompt": null, "duration_s": 5, "mode": "standard", "aspect_ratio": null,
                 "start": {"type": "image", "id": "%s"}, "seed": 1}
                """.formatted(image));

        assertThat(awaitStatus(video, "succeeded", 30_000)).isEqualTo("succeeded");
        assertThat(value("select count(*) from jobs where parent_job_id = '" + video + "'")).isEqualTo(0L);
        assertThat(value("select source_image_id from generated_videos where job_id = '" + video + "'")).isEqualTo(image);
        byte[] mp4 = media.get((String) value("select storage_key from generated_videos where job_id = '" + video + "'"))
                .getContentAsByteArray();
        assertThat(new String(mp4, 4, 4)).isEqualTo("ftyp");
        assertThat(VideoFrames.firstFramePng(mp4)).isNotEmpty();
        assertThat(value("select duration_ms from generated_videos where job_id = '" + video + "'")).isEqualTo(5000);
    }

    @Test
    void aPromptOnlyVideoWaitsForAChildImageThenRendersFromIt() throws Exception {
        try (var commands = EventTap.reading(broker, routing.imageWorkerCommands())) {
            UUID video = submitVideoJob(PROMPT_ONLY);

            UUID child = awaitChild(video, 15_000);
            assertThat(child).as("child image job").isNotNull();
            assertThat(awaitStatus(video, "waiting", 5_000)).isEqualTo("waiting");
            assertThat(value("select saga_state from jobs where id = '" + video + "'")).isEqualTo("waiting_for_image");
            assertThat(value("select status from jobs where id = '" + child + "'")).isEqualTo("queued");
            assertThat(commands.drain(1_000)).as("the child's command was sent")
                    .anySatisfy(command -> assertThat(command.body()).contains(child.toString()));
            assertThat((String) value("select input::text from jobs where id = '" + child + "'")).contains("a red sneaker on a beach");

            UUID image = runImageJob(child);

            assertThat(awaitStatus(video, "succeeded", 30_000)).isEqualTo("succeeded");
            assertThat(value("select source_image_id from generated_videos where job_id = '" + video + "'")).isEqualTo(image);
            assertThat(value("select saga_state from jobs where id = '" + video + "'")).isEqualTo("generating_video");
        }
    }

    @Test
    void aFailedChildImageFailsTheVideoWithTheChildsError() throws Exception {
        try (var events = EventTap.on(broker, routing.eventsExchange(), Routing.VIDEO_FAILED)) {
            UUID video = submitVideoJob(PROMPT_ONLY);
            UUID child = awaitChild(video, 15_000);
            awaitStatus(video, "waiting", 5_000);

            failImageJob(child, "content_rejected", "the model refused the prompt");

            assertThat(awaitStatus(video, "failed", 15_000)).isEqualTo("failed");
            assertThat(value("select error_code from jobs where id = '" + video + "'")).isEqualTo("content_rejected");
            assertThat((String) value("select error_message from jobs where id = '" + video + "'"))
                    .contains("start image").contains("the model refused the prompt");
            assertThat(events.next(5_000).body()).contains(video.toString());
        }
    }

    @Test
    void aDuplicatedImageEventArrivingWhileTheVideoWaitsRendersOnce(CapturedOutput output) throws Exception {
        EventTap.Received event;
        UUID video;
        try (var imageEvents = EventTap.on(broker, routing.eventsExchange(), Routing.IMAGE_SUCCEEDED)) {
            video = submitVideoJob(PROMPT_ONLY);
            UUID child = awaitChild(video, 15_000);
            awaitStatus(video, "waiting", 5_000);
            imageEventsListener().stop();
            try {
                runImageJob(child);
                event = awaitEventAbout(imageEvents, child, 10_000);
                // the broker delivers the same event again (same message id) while the video still waits for it
                imageEvents.publish(routing.eventsExchange(), Routing.IMAGE_SUCCEEDED, event.messageId(), event.body());
                awaitQueueDepth(routing.videoWorkerImageEvents(), 2, 10_000);
                assertThat(status(video)).isEqualTo("waiting");
            } finally {
                imageEventsListener().start();
            }
        }

        assertThat(awaitStatus(video, "succeeded", 30_000)).isEqualTo("succeeded");
        // the duplicate was consumed, and recognised as one by its message id
        awaitLog(output, "child event " + event.messageId() + " already handled: duplicate ignored", 10_000);
        awaitQueueDepth(routing.videoWorkerImageEvents(), 0, 5_000);
        assertThat(value("select count(*) from processed_messages where consumer = 'video-worker.image-events' "
                + "and message_id = '" + event.messageId() + "'")).isEqualTo(1L);
        assertThat(value("select count(*) from generated_videos where job_id = '" + video + "'")).isEqualTo(1L);
        assertThat(value("select attempts from jobs where id = '" + video + "'")).isEqualTo(1);
        assertThat(logLines(output, "video job " + video + " started")).as("claimed once, resumed once").isEqualTo(2);
        assertThat(logLines(output, "video job " + video + " succeeded")).isEqualTo(1);
    }

    @Test
    void aLateChildImageDoesNotResumeACanceledVideo() throws Exception {
        EventTap.Received event;
        UUID video;
        try (var imageEvents = EventTap.on(broker, routing.eventsExchange(), Routing.IMAGE_SUCCEEDED)) {
            video = submitVideoJob(PROMPT_ONLY);
            UUID child = awaitChild(video, 15_000);
            awaitStatus(video, "waiting", 5_000);
            imageEventsListener().stop();
            try {
                // the child image finishes, and while its event is on the way the client cancels the video
                runImageJob(child);
                event = awaitEventAbout(imageEvents, child, 10_000);
                assertThat(jobs.cancel(video)).extracting(JobTransitions.Canceled::id).containsExactly(video);
            } finally {
                imageEventsListener().start();
            }
        }

        // the late event was consumed...
        Eventually.holdsWithin(Duration.ofSeconds(10), () -> value("select 1 from processed_messages where consumer = "
                + "'video-worker.image-events' and message_id = '" + event.messageId() + "'") != null);
        assertThat(value("select count(*) from processed_messages where consumer = 'video-worker.image-events' "
                + "and message_id = '" + event.messageId() + "'")).as("the child's event was handled").isEqualTo(1L);
        // ...and resumed nothing
        assertThat(status(video)).isEqualTo("canceled");
        assertThat(value("select count(*) from generated_videos where job_id = '" + video + "'")).isEqualTo(0L);
        assertThat(value("select result_id from jobs where id = '" + video + "'")).isNull();
    }

    @Test
    void aDuplicatedVideoCommandDoesNotStartASecondChild(CapturedOutput output) throws Exception {
        UUID video = submitVideoJob(PROMPT_ONLY);
        awaitChild(video, 15_000);
        awaitStatus(video, "waiting", 5_000);
        UUID correlation = (UUID) value("select correlation_id from jobs where id = '" + video + "'");

        transaction.executeWithoutResult(s -> outbox.sendCommand(com.reelsmith.model.GenerateVideoCommand.of(video, correlation)));
        // the duplicate was handled: it found the video waiting, not there to take
        awaitLog(output, "job " + video + " is waiting and not ours to take", 10_000);

        assertThat(value("select count(*) from jobs where parent_job_id = '" + video + "'")).isEqualTo(1L);
        assertThat(status(video)).isEqualTo("waiting");
        assertThat(value("select attempts from jobs where id = '" + video + "'")).isEqualTo(1);
    }
}
