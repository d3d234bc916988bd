package com.reelsmith.gateway.campaigns;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.system.ApiException;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The one check other features use for "a campaign this caller may see": others' are not found. */
@Component
public class CampaignAccess {

    private final CampaignRepository campaigns;

    CampaignAccess(CampaignRepository campaigns) {
        this.campaigns = campaigns;
    }

    public CampaignRepository.CampaignRow visible(Caller caller, UUID id) {
        return campaigns.find(id).filter(c -> caller.canSee(c.clientId()))
                .orElseThrow(() -> ApiException.notFound("campaign", id));
    }
}
