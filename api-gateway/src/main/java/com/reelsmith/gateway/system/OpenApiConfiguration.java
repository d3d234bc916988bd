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

    @Bean
    OpenAPI reelsmithOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Reelsmith API").version("v2")
                        .description("AI ad images and videos: campaigns, generation jobs, media."))
                .components(new Components().addSecuritySchemes("apiKey",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("Authorization: Bearer sk_<public-id>_<secret>")))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"));
    }
}
