package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Following next_cursor walks a list newest first, each row exactly once, to a last page. */
class CampaignPaginationTest extends GatewayIntegrationTest {

    @Test
    void followingTheCursorVisitsEveryCampaignOnceNewestFirst() {
        // given five campaigns, made one after the other
        var tenant = newTenant("Paging");
        List<String> created = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            created.add(newCampaign(tenant, "campaign " + i).toString());
        }

        // when the list is read two at a time
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String cursor = null;
        do {
            var page = as(tenant).get("/api/v2/campaigns?limit=2"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            var items = page.json().path("items");
            pageSizes.add(items.size());
            items.forEach(item -> seen.add(item.path("id").asString()));
            var next = page.json().path("next_cursor");
            assertThat(next.isNull() || next.isString()).as("next_cursor present: %s", page).isTrue();
            cursor = next.isNull() ? null : next.asString();
        } while (cursor != null && pageSizes.size() < 10);

        // then all five came, once each, newest first, and the last page said there is no more
        assertThat(pageSizes).containsExactly(2, 2, 1);
        List<String> newestFirst = new ArrayList<>(created);
        Collections.reverse(newestFirst);
        assertThat(seen).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void aFullLastPageStillEndsWithANullCursor() {
        var tenant = newTenant("Paging exact");
        UUID older = newCampaign(tenant, "older");
        UUID newer = newCampaign(tenant, "newer");

        var first = as(tenant).get("/api/v2/campaigns?limit=2").json();

        assertThat(first.path("items").size()).isEqualTo(2);
        assertThat(first.path("items").get(0).path("id").asString()).isEqualTo(newer.toString());
        assertThat(first.path("items").get(1).path("id").asString()).isEqualTo(older.toString());
        assertThat(first.path("next_cursor").isNull()).isTrue();
    }
}
