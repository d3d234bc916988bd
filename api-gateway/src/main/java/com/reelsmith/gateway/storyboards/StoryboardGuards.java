package com.reelsmith.gateway.storyboards;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.platform.pricing.PriceTable;
import com.reelsmith.platform.pricing.ProductionEstimate;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.StoryboardContent;
import com.reelsmith.platform.storyboards.Storyboards;
import org.springframework.beans.factory.annotation.Value;
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

    StoryboardGuards(PriceTable prices, @Value("${reelsmith.provider.name:local}") String provider, ObjectMapper json) {
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
        return feedback.trim();
    }

    void brandAllows(Storyboards.Row row, StoryboardController.SceneBody body) {
        // filled in by the brand guidelines work
    }

    Storyboards.Estimate estimate(StoryboardContent content) {
        var estimate = ProductionEstimate.of(prices, free, content.scenes().stream().map(Scene::durationS).toList(),
                "standard");
        return new Storyboards.Estimate(estimate.totalUsd(), json.writeValueAsString(estimate));
    }

    /** In the approval's transaction: the budget for the whole production, and the previews approved with it. */
    void approved(Storyboards.Row row, Caller caller) {
        // filled in by the previews and cost work
    }
}
