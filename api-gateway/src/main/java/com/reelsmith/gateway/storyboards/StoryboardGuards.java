package com.reelsmith.gateway.storyboards;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.brand.BrandRules;
import com.reelsmith.gateway.campaigns.BudgetCheck;
import com.reelsmith.platform.brand.BrandGuidelines;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.platform.pricing.PriceTable;
import com.reelsmith.platform.pricing.ProductionEstimate;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.StoryboardContent;
import com.reelsmith.platform.storyboards.Storyboards;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * The business rules around a storyboard change: text limits, the client's brand guidelines, the
 * estimate every version carries, and what approval checks and does.
 */
@Component
class StoryboardGuards {

    static final int MAX_COMMENT = 2000;
    static final int MAX_FEEDBACK = 2000;

    private final PriceTable prices;
    private final boolean free;
    private final ObjectMapper json;
    private final BrandRules brand;
    private final Storyboards storyboards;
    private final JdbcClient jdbc;
    private final BudgetCheck budget;

    StoryboardGuards(PriceTable prices, @Value("${reelsmith.provider.name:local}") String provider, ObjectMapper json,
                     BrandRules brand, Storyboards storyboards, JdbcClient jdbc, BudgetCheck budget) {
        this.budget = budget;
        this.brand = brand;
        this.storyboards = storyboards;
        this.jdbc = jdbc;
        this.prices = prices;
        this.free = "local".equals(provider);
        this.json = json;
    }

    String comment(String comment, boolean required) {
        if (comment == null || comment.isBlank()) {
            if (required) {
                throw ApiException.missing("comment");
            }
            return null;
        }
        if (comment.length() > MAX_COMMENT) {
            throw ApiException.invalid("comment", "comment must be at most " + MAX_COMMENT + " characters");
        }
        return comment.trim();
    }

    String feedback(Storyboards.Row row, String feedback) {
        if (feedback == null || feedback.isBlank()) {
            throw ApiException.missing("feedback");
        }
        if (feedback.length() > MAX_FEEDBACK) {
            throw ApiException.invalid("feedback", "feedback must be at most " + MAX_FEEDBACK + " characters");
        }
        brand.allowed(row.clientId(), BrandGuidelines.fields("feedback", feedback));
        return feedback.trim();
    }

    /** A scene's texts become prompts and captions: none may hold a word the client's brand bans (422). */
    void brandAllows(Storyboards.Row row, StoryboardController.SceneBody body) {
        brand.allowed(row.clientId(), BrandGuidelines.fields("description", body.description(), "image_prompt",
                body.imagePrompt(), "motion_prompt", body.motionPrompt(), "on_screen_text", body.onScreenText(),
                "voice_over", body.voiceOver()));
    }

    Storyboards.Estimate estimate(StoryboardContent content) {
        var estimate = ProductionEstimate.of(prices, free, content.scenes().stream().map(Scene::durationS).toList(),
                "standard");
        return new Storyboards.Estimate(estimate.totalUsd(), json.writeValueAsString(estimate));
    }

    /**
     * In the approval's transaction: the whole production must fit the campaign's budget (402 with
     * the figures, and the approval rolls back), and is then reserved from it; the current preview
     * of each scene of the approved version is approved with it (they become the production's keyframes).
     */
    void approved(Storyboards.Row row, Caller caller) {
        var content = storyboards.version(row.id(), row.currentVersion()).orElseThrow().content();
        var estimate = ProductionEstimate.of(prices, free, content.scenes().stream().map(Scene::durationS).toList(),
                "standard");
        budget.allow(row.campaignId(), estimate.totalUsd(), "producing this storyboard (" + estimate.scenes()
                + " keyframes " + estimate.keyframesUsd() + " USD, " + estimate.clipSeconds() + " s of clips "
                + estimate.clipsUsd() + " USD, assembly " + estimate.assemblyUsd() + " USD)");
        jdbc.sql("update storyboards set reserved_usd = :reserved where id = :id").param("id", row.id())
                .param("reserved", estimate.totalUsd()).update();
        jdbc.sql("""
                update storyboard_previews set approved = true
                where job_id in (select distinct on (scene_id) job_id from storyboard_previews
                                 where storyboard_id = :id and scene_id in (:scenes)
                                 order by scene_id, created_at desc, job_id)
                """).param("id", row.id()).param("scenes", content.scenes().stream().map(Scene::id).toList()).update();
    }
}
