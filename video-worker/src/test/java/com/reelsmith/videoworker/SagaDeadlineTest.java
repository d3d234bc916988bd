package com.reelsmith.videoworker;

import static org.assertj.core.api.Assertions.assertThat;

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
    void aVideoWhoseStartImageNeverComesFailsAtTheDeadlineAndCancelsTheChild() throws Exception {
        UUID video = submitVideoJob(ImageThenVideoSagaTest.PROMPT_ONLY);
        UUID child = awaitChild(video, 15_000);
        // nobody runs the image job

        assertThat(awaitStatus(video, "failed", 15_000)).isEqualTo("failed");
        assertThat(value("select error_code from jobs where id = '" + video + "'")).isEqualTo("start_image_timeout");
        assertThat(status(child)).isEqualTo("canceled");
    }
}
