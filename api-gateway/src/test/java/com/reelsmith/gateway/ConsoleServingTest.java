package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The console is static files at /console/, open without a key (the page asks for one), each
 * answer with a Content-Security-Policy that lets the page run only its own files and talk only
 * to this origin; the API behind it still wants a key.
 */
class ConsoleServingTest extends GatewayIntegrationTest {

    @Test
    void thePageAndItsModulesOpenWithoutAKeyUnderAStrictPolicy() {
        var page = anonymous.get("/console/");
        var module = anonymous.get("/console/js/app.js");
        var style = anonymous.get("/console/console.css");

        assertThat(page.status()).as("%s", page).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(new String(page.body())).contains("<script type=\"module\" src=\"js/app.js\"></script>")
                .doesNotContain("<script>").doesNotContain("style=");
        assertThat(module.status()).isEqualTo(200);
        assertThat(module.header("Content-Type")).contains("javascript");
        assertThat(style.status()).isEqualTo(200);
        for (var reply : new GatewayClient.Reply[] {page, module, style}) {
            assertThat(reply.header("Content-Security-Policy")).isEqualTo("default-src 'self'; script-src 'self'; "
                    + "style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self'; "
                    + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
            assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    @Test
    void theBareAddressLeadsToThePage() {
        var bare = anonymous.get("/console");

        assertThat(bare.status()).as("%s", bare).isBetween(301, 308);
        assertThat(bare.header("Location")).endsWith("/console/");
    }

    @Test
    void theApiBehindTheConsoleStillWantsAKey() {
        var campaigns = anonymous.get("/api/v2/campaigns");

        assertThat(campaigns.status()).isEqualTo(401);
        assertThat(campaigns.header("Content-Security-Policy")).as("the policy is the console's, not the API's").isNull();
    }
}
