package com.reelsmith.videoworker;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.model.JobKind;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class SagaDeadlineTest extends VideoWorkerTestBase {

    @DynamicPropertySource
    static void shortDeadline(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.worker.saga-deadline", () -> "2s");
    }

    @Test
    void aStartImageThatRunsPastTheDeadlineFailsTheVideoAndCancelsTheChild() throws Exception {
        UUID video = submitVideoJob(ImageThenVideoSagaTest.PROMPT_ONLY);
        UUID child = awaitChild(video, 15_000);
        // an image worker takes the child, then never finishes it
        jobs.claim(child, JobKind.IMAGE, "stuck-image-worker", Duration.ofMinutes(5)).orElseThrow();

        assertThat(awaitStatus(video, "failed", 15_000)).isEqualTo("failed");
        assertThat(value("select error_code from jobs where id = '" + video + "'")).isEqualTo("start_image_timeout");
        assertThat(status(child)).isEqualTo("canceled");
    }

    @Test
    void timeTheStartImageSpendsQueuedDoesNotCountAgainstTheDeadline() throws Exception {
        UUID video = submitVideoJob(ImageThenVideoSagaTest.PROMPT_ONLY);
        UUID child = awaitChild(video, 15_000);
        // no image worker takes the child for longer than the 2 s deadline (a backlog, an outage); meanwhile a
        // marker saga whose child was taken and then stuck runs past the deadline
        UUID marker = submitVideoJob(ImageThenVideoSagaTest.PROMPT_ONLY);
        jobs.claim(awaitChild(marker, 15_000), JobKind.IMAGE, "stuck-image-worker", Duration.ofMinutes(5)).orElseThrow();

        // the sweep that failed the marker looked at the video too, its child queued for longer than the deadline
        assertThat(awaitStatus(marker, "failed", 15_000)).isEqualTo("failed");
        assertThat(value("select created_at < now() - interval '2 seconds' from jobs where id = '" + child + "'")).isEqualTo(true);
        assertThat(status(video)).as("queue time is not the saga's to count").isEqualTo("waiting");

        runImageJob(child);

        assertThat(awaitStatus(video, "succeeded", 15_000)).isEqualTo("succeeded");
    }
}
