package com.reelsmith.gateway.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class OpenApiConfiguration {

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
                .components(new Components().addSecuritySchemes("apiKey",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("Authorization: Bearer sk_<public-id>_<secret>")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
