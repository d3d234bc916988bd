package com.reelsmith.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.client.ApiClient;
import com.reelsmith.client.api.AssetsApi;
import com.reelsmith.client.api.CampaignsApi;
import com.reelsmith.client.api.ClientwebhooksApi;
import com.reelsmith.client.api.GenerationApi;
import com.reelsmith.client.api.JobsApi;
import com.reelsmith.client.model.CampaignNewCampaign;
import com.reelsmith.client.model.GenerationVideoBody;
import com.reelsmith.client.model.WebhookEndpointNewEndpoint;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The client API's "done when", as a customer's code would do it: a Java client generated from the
 * committed contract (module api-client) creates a campaign, uploads an asset, registers a webhook
 * endpoint and submits a video, against the gateway and both workers as separate jars; the video's
 * end arrives at the customer's receiver, signed, and the signature verifies with the Standard
 * Webhooks reference algorithm written here from its specification, not with Reelsmith's code.
 */
class GeneratedClientWebhookEndToEndTest {

    static final String ADMIN_KEY = "sk_systemtestclient_" + "C".repeat(40);
    /** How long the webhook may take once the job has succeeded: the sender looks every second. */
    static final Duration WEBHOOK_WAIT = Duration.ofSeconds(60);

    /** A delivery as the receiver saw it: the three Standard Webhooks headers and the raw body. */
    record Delivery(String id, String timestamp, String signature, byte[] body) {
    }

    @Test
    void aGeneratedClientSubmitsAVideoAndReceivesItsSignedWebhook() throws Exception {
        var deliveries = new LinkedBlockingQueue<Delivery>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            deliveries.add(new Delivery(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"), body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        // the receiver is on loopback, which a production gateway refuses: this one is told to allow it
        try (var system = RunningSystem.start(ADMIN_KEY, Map.of("OUTBOUND_ALLOW_PRIVATE_TARGETS", "true",
                "LOCAL_PROVIDER_LATENCY", "0s"))) {
            var tenant = system.signUp("Generated Client Webhooks");
            ApiClient api = new ApiClient();
            api.updateBaseUri(system.gateway.baseUrl());
            api.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + tenant.key()));

            var campaign = new CampaignsApi(api).campaignCreate(new CampaignNewCampaign()
                    .name("Aero 2 launch").budgetUsd(new BigDecimal("25")));
            var asset = new AssetsApi(api).assetUpload(campaign.getId(), pngFile());
            var endpoint = new ClientwebhooksApi(api).webhookEndpointCreate(new WebhookEndpointNewEndpoint()
                    .url("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks")
                    .eventTypes(List.of("job.succeeded", "job.failed")).description("our CI"));
            var accepted = new GenerationApi(api).generationVideo(new GenerationVideoBody()
                    .campaignId(campaign.getId()).assetId(asset.getId()).prompt("the sneaker lifts off the curb")
                    .durationS(5), null);

            Delivery delivery = awaitDelivery(deliveries, system, new JobsApi(api), accepted.getJobId(),
                    new ClientwebhooksApi(api), endpoint.getId());

            assertThat(verifies(endpoint.getSecret(), delivery)).as("Standard Webhooks signature of %s",
                    delivery.id()).isTrue();
            assertThat(verifies("whsec_" + Base64.getEncoder().encodeToString("another secret".getBytes()), delivery))
                    .isFalse();
            JsonNode event = JsonMapper.builder().build().readTree(delivery.body());
            assertThat(event.path("type").asString()).isEqualTo("job.succeeded");
            assertThat(event.path("data").path("id").asString()).isEqualTo(accepted.getJobId().toString());
            var job = new JobsApi(api).jobGet(accepted.getJobId());
            assertThat(job.getStatus()).isEqualTo("succeeded");
            assertThat(job.getCampaignId()).isEqualTo(campaign.getId());
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * The first delivery, waiting while the job runs and then a bounded while for its webhook; fails
     * at once, saying why, when the job ends otherwise than succeeded or the gateway dies, and with
     * the job, the endpoint's delivery log and the gateway's last lines when nothing came.
     */
    private static Delivery awaitDelivery(LinkedBlockingQueue<Delivery> deliveries, RunningSystem system, JobsApi jobs,
                                          UUID jobId, ClientwebhooksApi webhooks, UUID endpointId) throws Exception {
        long deadline = System.nanoTime() + RunningSystem.START_TIMEOUT.toNanos();
        long webhookDeadline = Long.MAX_VALUE; // set once the job has succeeded
        while (true) {
            Delivery delivery = deliveries.poll(500, TimeUnit.MILLISECONDS);
            if (delivery != null) {
                return delivery;
            }
            if (!system.gateway.isAlive()) {
                throw new AssertionError("the gateway exited while the webhook was awaited:" + system.tails());
            }
            var job = jobs.jobGet(jobId);
            String status = job.getStatus();
            if (List.of("failed", "canceled", "dead_lettered").contains(status)) {
                throw new AssertionError("job " + jobId + " ended " + status + " (" + job.getError() + "), no webhook "
                        + "of its success can come:" + system.tails());
            }
            long now = System.nanoTime();
            if ("succeeded".equals(status) && webhookDeadline == Long.MAX_VALUE) {
                webhookDeadline = now + WEBHOOK_WAIT.toNanos();
            }
            if (now > deadline || now > webhookDeadline) {
                throw new AssertionError("no webhook reached the receiver; job " + jobId + " is " + status
                        + "; the endpoint's delivery log: " + webhooks.webhookEndpointDeliveries(endpointId, null, null, null)
                        + system.tails());
            }
        }
    }

    /**
     * The Standard Webhooks verification: HMAC-SHA256 with the base64-decoded secret (after "whsec_")
     * over "id.timestamp.body", base64; the header holds space-separated "v1,signature" entries; the
     * timestamp within five minutes of now.
     */
    static boolean verifies(String secret, Delivery delivery) throws Exception {
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(delivery.timestamp())) > Duration.ofMinutes(5).toSeconds()) {
            return false;
        }
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update((delivery.id() + "." + delivery.timestamp() + ".").getBytes(StandardCharsets.UTF_8));
        byte[] expected = Base64.getEncoder().encode(mac.doFinal(delivery.body()));
        for (String entry : delivery.signature().split(" ")) {
            String[] versionAndSignature = entry.split(",", 2);
            if (versionAndSignature.length == 2 && versionAndSignature[0].equals("v1")
                    && MessageDigest.isEqual(expected, versionAndSignature[1].getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private static File pngFile() throws Exception {
        var image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 32, 48);
        g.dispose();
        var file = Files.createTempFile("reelsmith-client", ".png");
        ImageIO.write(image, "png", file.toFile());
        file.toFile().deleteOnExit();
        return file.toFile();
    }
}
