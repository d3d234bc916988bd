package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * An upload over the limit is a clean 413, whichever layer stops it: the asset limit (100KB here)
 * in the controller, or the servlet's multipart limit (150KB here) before it.
 */
@TestPropertySource(properties = {
        "reelsmith.assets.max-bytes=100KB",
        "spring.servlet.multipart.max-file-size=150KB",
        "spring.servlet.multipart.max-request-size=150KB"})
@DirtiesContext
class UploadSizeLimitTest extends GatewayIntegrationTest {

    Tenant tenant;
    String assetsOfCampaign;

    @BeforeEach
    void aCampaign() {
        tenant = newTenant("Big uploads");
        assetsOfCampaign = "/api/v2/campaigns/" + newCampaign(tenant, "large files") + "/assets";
    }

    @Test
    void aFileOverTheMultipartLimitIsRefusedWith413() {
        var reply = as(tenant).upload(assetsOfCampaign, "huge.png", "image/png", pngOfSize(200 * 1024));

        assertTooLarge(reply);
    }

    @Test
    void aFileOverTheAssetLimitButUnderTheMultipartLimitIsRefusedWith413() {
        var reply = as(tenant).upload(assetsOfCampaign, "big.png", "image/png", pngOfSize(120 * 1024));

        assertTooLarge(reply);
        assertThat(reply.json().path("error").path("message").asString()).as("names the asset limit").contains("102400");
    }

    @Test
    void aFileUnderTheLimitIsAccepted() {
        var reply = as(tenant).upload(assetsOfCampaign, "small.png", "image/png", png(16, 16));

        assertThat(reply.status()).as("%s", reply).isEqualTo(201);
    }

    private void assertTooLarge(GatewayClient.Reply reply) {
        assertThat(reply.status()).as("%s", reply).isEqualTo(413);
        assertThat(reply.errorCode()).isEqualTo("payload_too_large");
        assertThat(reply.errorField()).isEqualTo("file");
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from assets where client_id = ?", tenant.clientId()))
                .isZero();
    }

    /** A PNG signature padded to {@code size} bytes: large, and only the size should matter. */
    private static byte[] pngOfSize(int size) {
        return Arrays.copyOf(png(8, 8), size);
    }
}
