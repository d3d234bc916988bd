package com.reelsmith.studioworker;

import com.reelsmith.platform.pricing.PriceTable;
import com.reelsmith.platform.pricing.ProductionEstimate;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.StoryboardContent;
import com.reelsmith.platform.storyboards.Storyboards;
import com.reelsmith.work.ProviderProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** The estimate every storyboard version carries: what producing it would cost (standard mode clips). */
@Component
class StoryboardCosts {

    private final PriceTable prices;
    private final boolean free;
    private final ObjectMapper json;

    StoryboardCosts(PriceTable prices, ProviderProperties provider, ObjectMapper json) {
        this.prices = prices;
        this.free = "local".equals(provider.name());
        this.json = json;
    }

    Storyboards.Estimate estimate(StoryboardContent content) {
        var estimate = ProductionEstimate.of(prices, free, content.scenes().stream().map(Scene::durationS).toList(),
                "standard");
        return new Storyboards.Estimate(estimate.totalUsd(), json.writeValueAsString(estimate));
    }
}
