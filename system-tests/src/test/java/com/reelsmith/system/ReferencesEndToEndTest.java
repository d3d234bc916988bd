package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.provider.VideoFrames;
import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * References as a client gives them, through the gateway's API and the real workers (the three
 * jars, started once): a video's start frame by an uploaded asset or by a generated image, and an
 * image made from an uploaded reference. Each checks the result was made from the reference, not
 * only that the job succeeded.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferencesEndToEndTest {

    static final String ADMIN_KEY = "sk_referencesadmin_" + "R".repeat(40);
    static final Color ASSET_COLOR = new Color(40, 170, 210);
    /** Darker than anything the local model paints by itself (its colours are at least 55% bright). */
    static final Color DARK_REFERENCE = new Color(12, 12, 12);

    Path workDir;
    ServiceProcess gateway;
    ServiceProcess imageWorker;
    ServiceProcess videoWorker;
    Api api;
    String key;
    String campaignId;

    @BeforeAll
    void startTheSystem() throws Exception {
        TestDatabase db = TestDatabase.createEmpty();
        TestBroker broker = TestBroker.withFreshPrefix();
        workDir = Files.createTempDirectory("reelsmith-references");
        Map<String, String> env = Map.of(
                "DATABASE_URL", db.url(), "DATABASE_USER", db.user(), "DATABASE_PASSWORD", db.password(),
                "AMQP_URL", broker.amqpUrl(), "AMQP_PREFIX", broker.prefix(),
                "AMQP_RABBITMQ_FEATURES", String.valueOf(broker.rabbitmqFeatures()),
                "MEDIA_DIR", workDir.resolve("media").toString(), "ADMIN_API_KEY", ADMIN_KEY,
                "LOCAL_PROVIDER_LATENCY", "0s");
        gateway = ServiceProcess.start("api-gateway", env, "SERVER_PORT", workDir);
        imageWorker = ServiceProcess.start("image-worker", env, "WORKER_PORT", workDir);
        videoWorker = ServiceProcess.start("video-worker", env, "WORKER_PORT", workDir);
        gateway.awaitHealthy(Duration.ofSeconds(120));
        imageWorker.awaitHealthy(Duration.ofSeconds(120));
        videoWorker.awaitHealthy(Duration.ofSeconds(120));
        api = new Api(gateway.baseUrl());

        String clientId = api.post("/api/v2/clients", ADMIN_KEY, "{\"name\": \"Refs\"}").json().get("id").asString();
        key = api.post("/api/v2/clients/" + clientId + "/api-keys", ADMIN_KEY, "{}").json().get("api_key").asString();
        campaignId = api.post("/api/v2/campaigns", key, "{\"name\": \"References\"}").json().get("id").asString();
    }

    @AfterAll
    void stopTheSystem() throws Exception {
        for (ServiceProcess p : new ServiceProcess[] {videoWorker, imageWorker, gateway}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void aVideoStartsFromTheUploadedAssetItNames() throws Exception {
        String assetId = upload(solid(640, 360, ASSET_COLOR));

        JsonNode job = finished(submit("/api/v2/generate/video",
                "\"prompt\": \"the product turns slowly\", \"duration_s\": 5, \"asset_id\": \"" + assetId + "\""));

        assertThat(job.get("children")).as("no start image generated when one is given: %s", job).isEmpty();
        JsonNode video = job.get("result");
        assertThat(video.hasNonNull("source_image_id")).as("an asset is not a generated image: %s", video).isFalse();
        byte[] frame = firstFrameOf(video);
        Color firstFrame = averageColor(frame);
        // H.264's colour conversion shifts a channel by some 20 levels; the model's own start images
        // (gradients, shapes, a caption) are nowhere near one flat colour
        assertThat(distance(firstFrame, ASSET_COLOR)).as("first frame %s, asset %s", firstFrame, ASSET_COLOR)
                .isLessThan(32);
        assertThat(spread(frame, firstFrame)).as("the first frame is as flat as the asset").isLessThan(6.0);
    }

    @Test
    void anImageIsMadeFromItsReferenceAndAVideoFromAGeneratedImage() throws Exception {
        String assetId = upload(solid(360, 640, DARK_REFERENCE)); // portrait, unlike any default
        String common = "\"prompt\": \"a lighthouse at dusk\", \"seed\": 7, ";
        String withReference = submit("/api/v2/generate/image",
                common + "\"asset_id\": \"" + assetId + "\", \"aspect_ratio\": \"match_input_image\"");
        String without = submit("/api/v2/generate/image", common + "\"aspect_ratio\": \"9:16\"");

        JsonNode referenced = finished(withReference).get("result");
        JsonNode control = finished(without).get("result");
        assertThat(referenced.get("height").asInt()).as("match_input_image follows the portrait reference: %s", referenced)
                .isGreaterThan(referenced.get("width").asInt());
        // same prompt and seed, so the same painting but for the reference drawn over its background
        double withBrightness = brightness(averageColor(bytesOf(referenced)));
        double controlBrightness = brightness(averageColor(bytesOf(control)));
        assertThat(withBrightness).as("the dark reference shows through (control %.1f)", controlBrightness)
                .isLessThan(controlBrightness * 0.6);

        String imageId = control.get("id").asString();
        JsonNode job = finished(submit("/api/v2/generate/video",
                "\"prompt\": \"the light sweeps\", \"duration_s\": 5, \"image_id\": \"" + imageId + "\""));

        assertThat(job.get("children")).as("no start image generated when one is given: %s", job).isEmpty();
        JsonNode video = job.get("result");
        assertThat(video.path("source_image_id").asString()).as("%s", video).isEqualTo(imageId);
        assertThat(api.get("/api/videos/" + video.get("id").asString(), key).json().path("source_image_id").asString())
                .isEqualTo(imageId);
        Color firstFrame = averageColor(firstFrameOf(video));
        Color image = averageColor(bytesOf(control));
        assertThat(distance(firstFrame, image)).as("first frame %s, start image %s", firstFrame, image).isLessThan(12);
    }

    private String submit(String path, String fields) throws Exception {
        var accepted = api.post(path, key, "{\"campaign_id\": \"" + campaignId + "\", " + fields + "}");
        assertThat(accepted.status()).as("%s %s", path, accepted.json()).isEqualTo(202);
        return accepted.json().get("job_id").asString();
    }

    private JsonNode finished(String jobId) throws Exception {
        JsonNode job = api.awaitFinished(jobId, key, Duration.ofSeconds(90));
        assertThat(job.get("status").asString()).as("%s\n--- image worker:\n%s\n--- video worker:\n%s", job,
                imageWorker.tail(), videoWorker.tail()).isEqualTo("succeeded");
        return job;
    }

    private byte[] bytesOf(JsonNode media) throws Exception {
        var data = api.get(media.get("data_url").asString(), null);
        assertThat(data.status()).isEqualTo(200);
        return data.bytes();
    }

    private byte[] firstFrameOf(JsonNode video) throws Exception {
        return VideoFrames.firstFramePng(bytesOf(video));
    }

    private String upload(byte[] png) throws Exception {
        String boundary = "----refs" + UUID.randomUUID();
        var body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"ref.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(png);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(gateway.baseUrl() + "/api/v2/campaigns/" + campaignId + "/assets"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(response.body()).get("id").asString();
    }

    private static byte[] solid(int width, int height, Color color) throws Exception {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static Color averageColor(byte[] encoded) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(encoded));
        long r = 0;
        long g = 0;
        long b = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                r += (rgb >> 16) & 0xff;
                g += (rgb >> 8) & 0xff;
                b += rgb & 0xff;
            }
        }
        long n = (long) image.getWidth() * image.getHeight();
        return new Color((int) (r / n), (int) (g / n), (int) (b / n));
    }

    /** The root-mean-square distance of the pixels from {@code mean}, averaged over the channels. */
    private static double spread(byte[] encoded, Color mean) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(encoded));
        double sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                sum += Math.pow(c.getRed() - mean.getRed(), 2) + Math.pow(c.getGreen() - mean.getGreen(), 2)
                        + Math.pow(c.getBlue() - mean.getBlue(), 2);
            }
        }
        return Math.sqrt(sum / (3.0 * image.getWidth() * image.getHeight()));
    }

    /** The largest difference in any channel. */
    private static int distance(Color a, Color b) {
        return Math.max(Math.abs(a.getRed() - b.getRed()),
                Math.max(Math.abs(a.getGreen() - b.getGreen()), Math.abs(a.getBlue() - b.getBlue())));
    }

    private static double brightness(Color c) {
        return (c.getRed() + c.getGreen() + c.getBlue()) / 3.0;
    }
}
