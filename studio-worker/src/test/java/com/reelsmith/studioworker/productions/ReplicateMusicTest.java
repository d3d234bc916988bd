package com.reelsmith.studioworker.productions;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.provider.replicate.GuardedReplicate;
import com.reelsmith.provider.replicate.ReplicateClient;
import com.reelsmith.provider.replicate.ReplicateSettings;
import com.reelsmith.studioworker.music.AudioDirection;
import com.reelsmith.testing.Eventually;
import com.reelsmith.testing.FakeReplicate;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** PROVIDER=replicate music: meta/musicgen asked with the audio direction and a webhook, its WAV fetched, against the fake. */
@Tag("no-broker")
class ReplicateMusicTest {

    @Test
    void theAudioDirectionIsThePromptTheWebhookIsPassedAndTheModelsWavIsTheBed() throws Exception {
        try (var fake = FakeReplicate.forTests(Duration.ofMillis(300))) {
            var http = HttpClient.newHttpClient();
            var music = new ReplicateMusic(new GuardedReplicate(new ReplicateClient(new ReplicateSettings(fake.url(),
                    FakeReplicate.TEST_TOKEN, Duration.ofSeconds(10), 0), http), 600, Duration.ofSeconds(30)), http,
                    "meta/musicgen");
            var direction = AudioDirection.from("warm acoustic guitar, hopeful", "calm");

            var started = music.start(direction, 7.5, "http://127.0.0.1:1/api/webhooks/replicate?job_id=x");

            assertThat(started.isTerminal()).as("nothing waits for the model").isFalse();
            assertThat(fake.created()).hasSize(1);
            assertThat(fake.created().get(0).model()).isEqualTo("meta/musicgen");
            assertThat(fake.created().get(0).webhook()).endsWith("/api/webhooks/replicate?job_id=x");
            assertThat(fake.created().get(0).input().path("prompt").asString()).contains("warm acoustic guitar");
            assertThat(fake.created().get(0).input().path("duration").asInt()).isGreaterThanOrEqualTo(8);
            Eventually.await("the music prediction succeeded", Duration.ofSeconds(10),
                    () -> music.look(started.id()).succeeded());
            var done = music.look(started.id());
            assertThat(done.predictTimeSeconds()).as("what the bed is priced by").isPositive();
            byte[] wav = music.download(done.output().get(0));
            assertThat(new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
            int dataBytes = ByteBuffer.wrap(wav, 40, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            assertThat(dataBytes / 2 / 22_050.0).as("seconds of music").isGreaterThanOrEqualTo(7.5);
            short loudest = 0;
            for (int i = 44; i + 1 < wav.length; i += 2) {
                loudest = (short) Math.max(loudest, Math.abs(ByteBuffer.wrap(wav, i, 2).order(ByteOrder.LITTLE_ENDIAN).getShort()));
            }
            assertThat((int) loudest).as("not silence").isGreaterThan(1000);
        }
    }
}
