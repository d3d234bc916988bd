package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.reelsmith.client.ApiClient;
import com.reelsmith.client.ApiException;
import com.reelsmith.client.api.AssetsApi;
import com.reelsmith.client.api.CampaignsApi;
import com.reelsmith.client.api.GenerationApi;
import com.reelsmith.client.api.JobsApi;
import com.reelsmith.client.model.CampaignNewCampaign;
import com.reelsmith.client.model.GenerationVideoBody;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Java client generated in the build (module api-client) from the committed contract, used as a
 * customer's code would use it, against the real gateway: what the document says is what works.
 */
class GeneratedClientTest extends GatewayIntegrationTest {

    @Test
    void aGeneratedClientCreatesACampaignUploadsAnAssetAndSubmitsAVideo() throws Exception {
        var tenant = newTenant("Generated Client Co");
        ApiClient api = client("Authorization", "Bearer " + tenant.key());

        var campaign = new CampaignsApi(api).campaignCreate(new CampaignNewCampaign()
                .name("Aero 2 launch").budgetUsd(new BigDecimal("25")));
        var asset = new AssetsApi(api).assetUpload(campaign.getId(), pngFile());
        var accepted = new GenerationApi(api).generationVideo(new GenerationVideoBody()
                .campaignId(campaign.getId()).prompt("the sneaker lifts off the curb").assetId(asset.getId())
                .durationS(5), null);
        var job = new JobsApi(api).jobGet(accepted.getJobId());

        assertThat(campaign.getClientId()).isEqualTo(tenant.clientId());
        assertThat(campaign.getBudgetUsd()).isEqualByComparingTo("25");
        assertThat(asset.getContentType()).isEqualTo("image/png");
        assertThat(asset.getWidth()).isEqualTo(64);
        assertThat(accepted.getStatus()).isEqualTo("queued");
        assertThat(job.getId()).isEqualTo(accepted.getJobId());
        assertThat(job.getKind()).isEqualTo("video");
        assertThat(job.getCampaignId()).isEqualTo(campaign.getId());
        assertThat(job.getCreatedAt()).isNotNull();
    }

    @Test
    void theOtherKeyHeaderWorksAndRefusalsArriveAsTheDocumentedErrorBody() {
        var tenant = newTenant("Generated Client Errors");
        var viaHeader = new CampaignsApi(client("X-API-Key", tenant.key()));
        var keyless = new JobsApi(client("X-Nothing", "none"));

        var list = catchThrowableOfType(ApiException.class, () -> keyless.jobGet(UUID.randomUUID()));
        var missing = catchThrowableOfType(ApiException.class,
                () -> new JobsApi(client("X-API-Key", tenant.key())).jobGet(UUID.randomUUID()));

        assertThat(catchThrowableOfType(ApiException.class, () -> viaHeader.campaignList(null, 5, null))).isNull();
        assertThat(list.getCode()).isEqualTo(401);
        assertThat(list.getResponseBody()).contains("\"code\":\"missing_api_key\"");
        assertThat(missing.getCode()).isEqualTo(404);
        assertThat(missing.getResponseBody()).contains("\"code\":\"not_found\"");
    }

    private ApiClient client(String header, String value) {
        var api = new ApiClient();
        api.updateBaseUri("http://127.0.0.1:" + port);
        api.setRequestInterceptor(request -> request.header(header, value));
        return api;
    }

    private static java.io.File pngFile() throws IOException {
        Path file = Files.createTempFile("reelsmith-client-test", ".png");
        Files.write(file, png(64, 48));
        file.toFile().deleteOnExit();
        return file.toFile();
    }
}
