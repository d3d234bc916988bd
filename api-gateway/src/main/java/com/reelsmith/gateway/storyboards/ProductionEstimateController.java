package com.reelsmith.gateway.storyboards;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.campaigns.BudgetCheck;
import com.reelsmith.gateway.campaigns.CampaignAccess;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.platform.pricing.PriceTable;
import com.reelsmith.platform.pricing.ProductionEstimate;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.Storyboards;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A dry run of producing a storyboard: what its production would cost (keyframes, clips, assembly,
 * from the one price table its approval is checked with) and whether the campaign's budget takes
 * it now. Nothing is reserved or started.
 */
@RestController
class ProductionEstimateController {

    /** version: the storyboard's current one when left out; mode: standard (720p, default) or pro (1080p). */
    record ProductionEstimateBody(UUID storyboardId, Integer version, String mode) {
    }

    record ProductionQuote(UUID storyboardId, int version, ProductionEstimate estimate, BigDecimal budgetUsd,
                           BigDecimal committedUsd, BigDecimal remainingUsd, boolean withinBudget) {
    }

    private final Storyboards storyboards;
    private final CampaignAccess campaigns;
    private final BudgetCheck budgets;
    private final PriceTable prices;
    private final boolean free;

    ProductionEstimateController(Storyboards storyboards, CampaignAccess campaigns, BudgetCheck budgets, PriceTable prices,
                                 @Value("${reelsmith.provider.name:local}") String provider) {
        this.storyboards = storyboards;
        this.campaigns = campaigns;
        this.budgets = budgets;
        this.prices = prices;
        this.free = "local".equals(provider);
    }

    @PostMapping("/api/v2/estimates/production")
    ProductionQuote estimate(Caller caller, @RequestBody ProductionEstimateBody body) {
        if (body.storyboardId() == null) {
            throw ApiException.missing("storyboard_id");
        }
        var row = storyboards.find(body.storyboardId()).filter(s -> caller.canSee(s.clientId()))
                .orElseThrow(() -> ApiException.notFound("storyboard", body.storyboardId()));
        int version = body.version() == null ? row.currentVersion() : body.version();
        var stored = storyboards.version(row.id(), version)
                .orElseThrow(() -> ApiException.invalid("version", "the storyboard has no version " + version));
        String mode = body.mode() == null ? "standard" : body.mode();
        if (!mode.equals("standard") && !mode.equals("pro")) {
            throw ApiException.invalid("mode", "mode must be standard (720p) or pro (1080p)");
        }
        var estimate = ProductionEstimate.of(prices, free, stored.content().scenes().stream().map(Scene::durationS).toList(),
                mode);
        var campaign = campaigns.visible(caller, row.campaignId());
        BigDecimal committed = budgets.committed(campaign.id());
        BigDecimal remaining = campaign.budgetUsd() == null ? null
                : campaign.budgetUsd().subtract(committed).max(BigDecimal.ZERO);
        return new ProductionQuote(row.id(), version, estimate, campaign.budgetUsd(), committed, remaining,
                remaining == null || estimate.totalUsd().compareTo(remaining) <= 0);
    }
}
