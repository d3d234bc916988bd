package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.S3Server;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * The S3 store's end-to-end case (DESIGN.md "CI time": a heavy variant runs one case, not the
 * suite again): the gateway and both workers as jars with MEDIA_STORE=s3 against a real S3
 * server make a video through the image-then-video saga (the video worker reads the image back
 * from the bucket), and the gateway streams it from the bucket through a signed link, Range and all.
 * Nothing lands on the local disk.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3StoreEndToEndTest {

    static final String ADMIN_KEY = "sk_systemtests3admin_" + "S".repeat(40);

    S3Server s3;
    String bucket = "reelsmith-e2e-" + UUID.randomUUID().toString().substring(0, 8);
    RunningSystem system;

    @BeforeAll
    void startTheSystemOnS3() throws Exception {
        s3 = S3Server.shared();
        system = RunningSystem.start(ADMIN_KEY, Map.of(
                "MEDIA_STORE", "s3", "S3_ENDPOINT", s3.endpoint(), "S3_BUCKET", bucket, "S3_REGION", S3Server.REGION,
                "S3_ACCESS_KEY", S3Server.ACCESS_KEY, "S3_SECRET_KEY", S3Server.SECRET_KEY, "S3_PATH_STYLE", "true",
                "LOCAL_PROVIDER_LATENCY", "0s"));
    }

    @AfterAll
    void stop() throws Exception {
        if (system != null) {
            system.close();
        }
    }

    /** What deploy/k8s probes (KubernetesManifestsTest checks the manifests point here) answers on the running jars. */
    @Test
    void theHealthGroupsTheKubernetesProbesAskAnswer() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        for (ServiceProcess service : new ServiceProcess[] {system.gateway, system.imageWorker, system.videoWorker}) {
            for (String group : new String[] {"liveness", "readiness"}) {
                var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        "http://127.0.0.1:" + service.healthPort() + "/actuator/health/" + group)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(service.name() + " " + group + ": " + response.body()).isEqualTo(200);
                assertThat(response.body()).contains("\"status\":\"UP\"");
            }
        }
    }

    @Test
    void aVideoIsMadeKeptInTheBucketAndServedFromItInRanges() throws Exception {
        var tenant = system.signUp("Bucket Co");
        var accepted = system.api.post("/api/v2/generate/video", tenant.key(),
                "{\"campaign_id\": \"" + tenant.campaignId() + "\", \"prompt\": \"A kite over the dunes\", \"duration_s\": 5}");
        assertThat(accepted.status()).isEqualTo(202);
        String jobId = accepted.json().get("job_id").asString();

        JsonNode job = system.api.awaitFinished(jobId, tenant.key(), Duration.ofSeconds(150));
        assertThat(job.get("status").asString()).as(job + system.tails()).isEqualTo("succeeded");
        String dataUrl = job.get("result").get("data_url").asString();

        var whole = system.api.get(dataUrl, null); // a signed link, no key: as a <video> tag
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.raw().headers().firstValue("Content-Type")).contains("video/mp4");
        assertThat(new String(whole.bytes(), 4, 4)).isEqualTo("ftyp");
        String sha256 = whole.raw().headers().firstValue("ETag").orElseThrow().replace("\"", "");

        var range = system.api.send("GET", dataUrl, null, null, null, Map.of("Range", "bytes=100-1099"), Duration.ofSeconds(30));
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.raw().headers().firstValue("Content-Range")).contains("bytes 100-1099/" + whole.bytes().length);
        assertThat(range.bytes()).isEqualTo(Arrays.copyOfRange(whole.bytes(), 100, 1100));

        var tail = system.api.send("GET", dataUrl, null, null, null, Map.of("Range", "bytes=-16"), Duration.ofSeconds(30));
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.bytes()).isEqualTo(Arrays.copyOfRange(whole.bytes(), whole.bytes().length - 16, whole.bytes().length));

        // the bytes are in the bucket, under their content address, and the image the video started from too
        Path object = s3.bucketDir(bucket).resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256 + ".mp4");
        assertThat(object).exists();
        assertThat(Files.size(object)).isEqualTo(whole.bytes().length);
        String imageId = job.get("children").get(0).get("id").asString();
        assertThat(job.get("children").get(0).get("status").asString()).isEqualTo("succeeded");
        try (var files = Files.walk(s3.bucketDir(bucket))) {
            assertThat(files.filter(f -> f.toString().endsWith(".png")).count()).as("the saga's image, job " + imageId).isEqualTo(1);
        }
        // and nothing on the local disk
        Path mediaDir = system.workDir.resolve("media");
        if (Files.exists(mediaDir)) {
            try (var files = Files.walk(mediaDir)) {
                assertThat(files.filter(Files::isRegularFile)).isEmpty();
            }
        }
    }
}
