package com.reelsmith.gateway.contract;

import com.reelsmith.gateway.auth.Caller;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document (/v3/api-docs) as the wire is: snake_case names ({@link WireModelResolver}),
 * no internal parameters (the {@link Caller} the auth interceptor resolves), the statuses each
 * endpoint answers with the one error body, and the two ways of passing the key
 * ({@link ContractCustomizer}). The document is committed (see README "Client API"), a test
 * compares it with the live one and another with real answers of every endpoint.
 */
@Configuration
class OpenApiConfiguration {

    static final String BEARER = "bearer";
    static final String API_KEY_HEADER = "api_key_header";

    static {
        // resolved from the request by the auth interceptor, never sent by a client
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class)
                // free-form JSON (brand guidelines, a history entry's detail): any JSON value
                .replaceWithSchema(tools.jackson.databind.JsonNode.class, new Schema<>());
    }


    /** The flow a new user follows, with a request to paste; the endpoints' own shapes are generated below it. */
    static final String DESCRIPTION = """
            AI ad images and videos: campaigns, generation jobs, media; creative briefs planned into storyboards
            that people review, change and approve before any video is paid for.

            ## From a brief to an approved storyboard

            1. `POST /api/v2/campaigns/{id}/briefs` with the brief: free `text` and optional `product`, `audience`,
               `key_message`, `call_to_action`, `platform` (`instagram_reel|tiktok|youtube|youtube_short|linkedin|custom`),
               `duration_s`, `aspect_ratio`, `tone`, `asset_ids`, `image_ids`. Answers `202` with the planning job.
            2. `GET /api/v2/briefs/{id}` until `storyboard_id` is set (or follow `links.job`).
            3. `GET /api/v2/storyboards/{id}`: direction, scenes, estimate, previews and history. Change it with
               scene edits, `reorder` or `refine` (feedback, at most 5 times); each change names the `version`
               it was made from (`409 stale_version` otherwise).
            4. `POST /api/v2/storyboards/{id}/previews`: a keyframe image job per scene.
            5. `POST .../submit`, then `POST .../approve` with the `version` (`402` when the production would
               pass the campaign's budget), or `request-changes` / `reject` with a `comment`.

            A banned word of the client's brand guidelines in any text that becomes a prompt is a `422 banned_word`.

            ```
            curl -s -X POST http://localhost:8080/api/v2/campaigns/$CAMPAIGN_ID/briefs \\
                 -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \\
                 -d '{"text": "Launch of the Aero 2 running sneaker: a first step off the curb turns into flight.",
                      "product": "Aero 2 sneaker", "platform": "tiktok", "call_to_action": "Tap to shop the drop"}'
            ```
            """;

    @Bean
    OpenAPI reelsmithOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Reelsmith API").version("v2")
                        .description(DESCRIPTION))
                // a fixed server, not the one a request came in on: the committed document must not vary
                .servers(List.of(new Server().url("http://localhost:8080").description("a local Reelsmith")))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("Authorization: Bearer sk_<public-id>_<secret>"))
                        .addSecuritySchemes(API_KEY_HEADER, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("X-API-Key")
                                .description("X-API-Key: sk_<public-id>_<secret> (the same key, another header)")))
                // either scheme: two requirements, each alone enough
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement().addList(API_KEY_HEADER));
    }

    @Bean
    WireModelResolver wireModelResolver() {
        return new WireModelResolver();
    }

    @Bean
    ContractCustomizer contractCustomizer(WireModelResolver models) {
        return new ContractCustomizer(models);
    }
}
