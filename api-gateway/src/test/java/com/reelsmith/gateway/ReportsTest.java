package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Reports add up: costs are the jobs' own (counted once), the same total whichever way they are
 * grouped; averages count a video with the start image it needed; performance figures are per video
 * and day, CTR computed; all of it only for the owner.
 */
class ReportsTest extends GatewayIntegrationTest {

    @Test
    void spendAddsUpTheSameByDayByModelAndForTheCampaign() {
        var tenant = newTenant("Spender");
        UUID campaign = newCampaign(tenant, "spring");
        UUID other = newCampaign(tenant, "autumn");
        // costs as workers record them: an image on replicate, a pro video with its start image, a
        // standard one, on different days; one job still running (no cost yet) counts nothing
        UUID image = job(tenant, campaign, "image", null, "{}", "replicate", "0.0390", "2026-11-01T10:00:00Z");
        UUID video = job(tenant, campaign, "video", null, "{\"mode\": \"pro\"}", "replicate", "0.4500", "2026-11-02T10:00:00Z");
        job(tenant, campaign, "image", video, "{}", "replicate", "0.0390", "2026-11-02T10:00:00Z");
        job(tenant, campaign, "video", null, "{\"mode\": \"standard\"}", "replicate", "0.2500", "2026-11-03T23:59:00Z");
        job(tenant, campaign, "video", null, "{}", "replicate", null, "2026-11-03T12:00:00Z");
        job(tenant, other, "image", null, "{}", "local", "0.0000", "2026-11-02T08:00:00Z");
        String range = "?from=2026-11-01&to=2026-11-04";

        var byDay = as(tenant).get("/api/v2/campaigns/" + campaign + "/spend" + range + "&group_by=day").json();
        var byModel = as(tenant).get("/api/v2/campaigns/" + campaign + "/spend" + range + "&group_by=model").json();
        var stats = as(tenant).get("/api/v2/campaigns/" + campaign + "/stats").json();
        var clientByCampaign = as(tenant).get("/api/v2/clients/" + tenant.clientId() + "/spend" + range + "&group_by=campaign").json();

        BigDecimal total = new BigDecimal("0.7780");
        assertThat(sum(byDay)).isEqualByComparingTo(total);
        assertThat(sum(byModel)).isEqualByComparingTo(total);
        assertThat(byDay.path("total_usd").decimalValue()).isEqualByComparingTo(total);
        assertThat(stats.path("spend_usd").decimalValue()).isEqualByComparingTo(total);
        assertThat(keys(byDay)).containsExactly("2026-11-01", "2026-11-02", "2026-11-03");
        assertThat(keys(byModel)).containsExactly("replicate:image", "replicate:video:pro", "replicate:video:standard");
        assertThat(clientByCampaign.path("rows")).hasSize(2);
        assertThat(sum(clientByCampaign)).isEqualByComparingTo(total);
        // a video's average cost includes the start image it needed: (0.45 + 0.039 + 0.25) / 2
        JsonNode videoAverage = null;
        for (JsonNode average : stats.path("average_costs")) {
            if ("video".equals(average.path("kind").asString())) {
                videoAverage = average;
            }
        }
        assertThat(videoAverage).isNotNull();
        assertThat(videoAverage.path("count").asLong()).isEqualTo(2);
        assertThat(videoAverage.path("average_cost_usd").decimalValue()).isEqualByComparingTo("0.3695");
        assertThat(image).isNotNull();
    }

    @Test
    void spendComesAsCsvWhenAskedAndBadParametersNameTheirField() {
        var tenant = newTenant("Csv Co");
        UUID campaign = newCampaign(tenant, "a, \"quoted\" name");
        job(tenant, campaign, "image", null, "{}", "replicate", "0.0390", "2026-11-01T10:00:00Z");
        String path = "/api/v2/clients/" + tenant.clientId() + "/spend?from=2026-11-01&to=2026-11-02&group_by=campaign";

        var byAccept = as(tenant).withHeader("Accept", "text/csv").get(path);
        var byFormat = as(tenant).get(path + "&format=csv");

        assertThat(byAccept.status()).isEqualTo(200);
        assertThat(byAccept.header("Content-Type")).startsWith("text/csv");
        assertThat(new String(byAccept.body())).isEqualTo("campaign,label,cost_usd,jobs\n"
                + campaign + ",\"a, \"\"quoted\"\" name\",0.0390,1\n");
        assertThat(byFormat.body()).isEqualTo(byAccept.body());
        assertThat(as(tenant).get(path.replace("group_by=campaign", "group_by=week")).errorField()).isEqualTo("group_by");
        assertThat(as(tenant).get(path.replace("from=2026-11-01", "from=yesterday")).errorField()).isEqualTo("from");
        assertThat(as(tenant).get(path.replace("from=2026-11-01", "from=2026-11-05")).errorField()).isEqualTo("from");
        assertThat(as(newTenant("Nosy")).get(path).status()).isEqualTo(404);
    }

    @Test
    void performanceFiguresArePerVideoAndDayWithCtrAndOnlyForTheOwner() {
        var tenant = newTenant("Performer");
        UUID campaign = newCampaign(tenant, "perf");
        UUID video = job(tenant, campaign, "video", null, "{}", "local", "0", "2026-11-01T10:00:00Z");
        UUID image = job(tenant, campaign, "image", null, "{}", "local", "0", "2026-11-01T10:00:00Z");
        String path = "/api/v2/jobs/" + video + "/performance";

        var first = as(tenant).post(path, Map.of("day", "2026-11-01", "views", 1000, "clicks", 50, "conversions", 5));
        var resent = as(tenant).post(path, Map.of("day", "2026-11-01", "views", 1000, "clicks", 50, "conversions", 5));
        var second = as(tenant).post(path, Map.of("day", "2026-11-02", "views", 1000, "clicks", 30));
        var campaignFigures = as(tenant).get("/api/v2/campaigns/" + campaign + "/performance").json();

        assertThat(first.status()).as("%s", first).isEqualTo(200);
        assertThat(resent.json().path("views").asLong()).as("the same day again replaces it").isEqualTo(1000);
        assertThat(second.json().path("views").asLong()).isEqualTo(2000);
        assertThat(second.json().path("ctr").decimalValue()).isEqualByComparingTo("0.04");
        assertThat(campaignFigures.path("totals").path("clicks").asLong()).isEqualTo(80);
        assertThat(campaignFigures.path("items").get(0).path("job_id").asString()).isEqualTo(video.toString());
        assertThat(as(tenant).post(path, Map.of("views", -1, "clicks", 0)).errorField()).isEqualTo("views");
        assertThat(as(tenant).post(path, Map.of("views", 1)).errorField()).isEqualTo("clicks");
        assertThat(as(tenant).post("/api/v2/jobs/" + image + "/performance", Map.of("views", 1, "clicks", 0)).status())
                .isEqualTo(422);
        assertThat(as(newTenant("Other")).post(path, Map.of("views", 1, "clicks", 0)).status()).isEqualTo(404);
    }

    /** A job as the workers leave it: finished with its cost recorded (or still running, cost null). */
    private UUID job(Tenant tenant, UUID campaign, String kind, UUID parent, String input, String provider, String cost,
                     String createdAt) {
        UUID id = UUID.randomUUID();
        GatewayEnvironment.update(DB, """
                insert into jobs (id, client_id, campaign_id, kind, status, input, parent_job_id, correlation_id, provider,
                                  cost_usd, created_at, finished_at)
                values (?, ?, ?, ?, ?, cast(? as jsonb), ?, gen_random_uuid(), ?, cast(? as numeric), cast(? as timestamptz),
                        cast(? as timestamptz))
                """, id, tenant.clientId(), campaign, kind, cost == null ? "running" : "succeeded", input, parent, provider,
                cost, createdAt, cost == null ? null : createdAt);
        return id;
    }

    private static BigDecimal sum(JsonNode report) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode row : report.path("rows")) {
            total = total.add(row.path("cost_usd").decimalValue());
        }
        return total;
    }

    private static java.util.List<String> keys(JsonNode report) {
        var keys = new java.util.ArrayList<String>();
        report.path("rows").forEach(r -> keys.add(r.path("key").asString()));
        return keys;
    }
}
