package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.jcodec.api.awt.AWTSequenceEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The asset library: images, videos and audio told from their bytes, thumbnails, lists per
 * campaign and per client with a type filter and keyset pages, delete, and import from a URL
 * (a local server, allowed here by an explicit CIDR) bounded by the size limit.
 */
class AssetLibraryTest extends GatewayIntegrationTest {

    static final int LIMIT = 300_000;

    @DynamicPropertySource
    static void library(DynamicPropertyRegistry registry) {
        registry.add("reelsmith.outbound.allowed-cidrs", () -> "127.0.0.1/32");
        registry.add("reelsmith.assets.max-bytes", () -> LIMIT + "B");
    }

    HttpServer origin;
    Tenant tenant;
    UUID campaign;

    @BeforeEach
    void setUp() throws IOException {
        tenant = newTenant("library");
        campaign = newCampaign(tenant, "library");
        origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.start();
    }

    @AfterEach
    void stopOrigin() {
        origin.stop(0);
    }

    @Test
    void imagesVideosAndAudioAreToldFromTheirBytesAndImagesAndVideosGetThumbnails() throws Exception {
        var image = upload("logo.bin", "application/octet-stream", png(800, 400));
        var video = upload("clip.mp4", "image/png", mp4());
        var audio = upload("bed.wav", "text/plain", wav());
        var mp3 = upload("bed.mp3", "application/octet-stream", mp3());

        assertThat(image.json().path("type").asString()).isEqualTo("image");
        assertThat(image.json().path("content_type").asString()).isEqualTo("image/png");
        assertThat(video.json().path("type").asString()).isEqualTo("video");
        assertThat(video.json().path("content_type").asString()).isEqualTo("video/mp4");
        assertThat(audio.json().path("type").asString()).isEqualTo("audio");
        assertThat(audio.json().path("content_type").asString()).isEqualTo("audio/wav");
        assertThat(mp3.json().path("content_type").asString()).isEqualTo("audio/mpeg");

        BufferedImage imageThumb = thumbnail(image.id());
        assertThat(Math.max(imageThumb.getWidth(), imageThumb.getHeight())).isEqualTo(320);
        assertThat(imageThumb.getWidth()).isEqualTo(320);
        assertThat(imageThumb.getHeight()).isEqualTo(160);
        BufferedImage videoThumb = thumbnail(video.id());
        assertThat(videoThumb.getWidth()).isPositive();
        var noThumb = as(tenant).get("/api/v2/assets/" + audio.id() + "/thumbnail");
        assertThat(noThumb.status()).isEqualTo(404);
        assertThat(audio.json().path("links").has("thumbnail")).isFalse();
    }

    @Test
    void listsFilterByTypeAndPageByKeyset() {
        var image = upload("a.png", "image/png", png(10, 10));
        var video = upload("b.mp4", "video/mp4", mp4());
        UUID otherCampaign = newCampaign(tenant, "other");
        var elsewhere = as(tenant).upload("/api/v2/campaigns/" + otherCampaign + "/assets", "c.wav", "audio/wav", wav());
        assertThat(elsewhere.status()).isEqualTo(201);

        var videos = as(tenant).get("/api/v2/campaigns/" + campaign + "/assets?type=video");
        assertThat(ids(videos.json().path("items"))).containsExactly(video.id().toString());
        var ofCampaign = as(tenant).get("/api/v2/campaigns/" + campaign + "/assets");
        assertThat(ids(ofCampaign.json().path("items"))).containsExactly(video.id().toString(), image.id().toString());

        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            var page = as(tenant).get("/api/v2/assets?limit=1" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            walked.addAll(ids(page.json().path("items")));
            cursor = page.json().path("next_cursor").isNull() ? null : page.json().path("next_cursor").asString();
        } while (cursor != null);
        assertThat(walked).containsExactly(elsewhere.id().toString(), video.id().toString(), image.id().toString());

        var badType = as(tenant).get("/api/v2/assets?type=pdf");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.errorField()).isEqualTo("type");
        var stranger = newTenant("stranger");
        assertThat(as(stranger).get("/api/v2/campaigns/" + campaign + "/assets").status()).isEqualTo(404);
        assertThat(ids(as(stranger).get("/api/v2/assets").json().path("items"))).isEmpty();
    }

    @Test
    void aDeletedAssetIsGoneFromTheLibraryAndCannotBeReferenced() {
        var image = upload("a.png", "image/png", png(10, 10));
        assertThat(as(newTenant("stranger")).delete("/api/v2/assets/" + image.id()).status()).isEqualTo(404);

        assertThat(as(tenant).delete("/api/v2/assets/" + image.id()).status()).isEqualTo(204);

        assertThat(as(tenant).get("/api/v2/assets/" + image.id()).status()).isEqualTo(404);
        assertThat(as(tenant).get("/api/v2/assets/" + image.id() + "/data").status()).isEqualTo(404);
        assertThat(as(tenant).delete("/api/v2/assets/" + image.id()).status()).isEqualTo(404);
        assertThat(ids(as(tenant).get("/api/v2/campaigns/" + campaign + "/assets").json().path("items"))).isEmpty();
    }

    @Test
    void aFileIsImportedFromAUrlWithinTheSizeLimit() {
        byte[] picture = png(64, 64);
        serve("/logo.png", picture);
        var imported = as(tenant).post("/api/v2/campaigns/" + campaign + "/assets/import",
                Map.of("url", "http://127.0.0.1:" + origin.getAddress().getPort() + "/logo.png"));
        assertThat(imported.status()).as("%s", imported).isEqualTo(201);
        assertThat(imported.json().path("type").asString()).isEqualTo("image");
        assertThat(imported.json().path("filename").asString()).isEqualTo("logo.png");
        assertThat(as(tenant).get("/api/v2/assets/" + imported.id() + "/data").body()).isEqualTo(picture);

        serve("/huge.wav", new byte[LIMIT + 1]);
        var huge = as(tenant).post("/api/v2/campaigns/" + campaign + "/assets/import",
                Map.of("url", "http://127.0.0.1:" + origin.getAddress().getPort() + "/huge.wav"));
        assertThat(huge.status()).as("%s", huge).isEqualTo(413);

        var missing = as(tenant).post("/api/v2/campaigns/" + campaign + "/assets/import",
                Map.of("url", "http://127.0.0.1:" + origin.getAddress().getPort() + "/nothing"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorField()).isEqualTo("url");

        var privateNet = as(tenant).post("/api/v2/campaigns/" + campaign + "/assets/import",
                Map.of("url", "http://10.1.2.3/logo.png"));
        assertThat(privateNet.status()).isEqualTo(400);
        assertThat(privateNet.errorField()).isEqualTo("url");

        var noUrl = as(tenant).post("/api/v2/campaigns/" + campaign + "/assets/import", Map.of());
        assertThat(noUrl.status()).isEqualTo(400);
        assertThat(noUrl.errorField()).isEqualTo("url");
    }

    @Test
    void anUploadOverTheLimitIs413() {
        byte[] big = wav(LIMIT + 10);
        var reply = as(tenant).upload("/api/v2/campaigns/" + campaign + "/assets", "big.wav", "audio/wav", big);
        assertThat(reply.status()).as("%s", reply).isEqualTo(413);
    }

    private void serve(String path, byte[] body) {
        origin.createContext(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    private GatewayClient.Reply upload(String name, String claimedType, byte[] bytes) {
        var reply = as(tenant).upload("/api/v2/campaigns/" + campaign + "/assets", name, claimedType, bytes);
        assertThat(reply.status()).as("upload %s: %s", name, reply).isEqualTo(201);
        return reply;
    }

    private BufferedImage thumbnail(UUID asset) throws IOException {
        var reply = as(tenant).get("/api/v2/assets/" + asset + "/thumbnail");
        assertThat(reply.status()).as("%s", reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).isEqualTo("image/jpeg");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(reply.body()));
        assertThat(image).isNotNull();
        return image;
    }

    private static List<String> ids(tools.jackson.databind.JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    /** A real H.264 MP4 of a few frames, made with JCodec. */
    static byte[] mp4() {
        try {
            var file = Files.createTempFile("asset-test", ".mp4");
            try {
                var encoder = AWTSequenceEncoder.createSequenceEncoder(file.toFile(), 5);
                for (int i = 0; i < 3; i++) {
                    var frame = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
                    var g = frame.createGraphics();
                    g.setColor(Color.BLUE);
                    g.fillRect(0, 0, 64, 48);
                    g.dispose();
                    encoder.encodeImage(frame);
                }
                encoder.finish();
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static byte[] wav() {
        return wav(8_000);
    }

    /** A PCM WAV of silence with a proper RIFF header. */
    static byte[] wav(int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + dataBytes).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(8000).putInt(8000).putShort((short) 1).putShort((short) 8);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(dataBytes);
        return b.array();
    }

    /** An ID3v2 tag and one MPEG frame header: what an MP3 starts with. */
    static byte[] mp3() {
        byte[] bytes = new byte[2_000];
        byte[] head = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64};
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }
}
