package com.reelsmith.gateway.campaigns;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.system.ApiException;
import java.util.UUID;
import org.springframework.http.HttpStatus;
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

    /**
     * A campaign this caller may start new work in (generate, briefs, previews, refinements,
     * productions): visible, and neither it nor its client archived (409, saying how to undo it).
     */
    public CampaignRepository.CampaignRow forNewWork(Caller caller, UUID id) {
        return forNewWorkWithBrand(caller, id).campaign();
    }

    /** As {@link #forNewWork}, with the client's brand guidelines (JSON text) read in the same statement. */
    public CampaignRepository.ForNewWork forNewWorkWithBrand(Caller caller, UUID id) {
        var found = campaigns.findForNewWork(id).filter(c -> caller.canSee(c.clientId()))
                .orElseThrow(() -> ApiException.notFound("campaign", id));
        if ("archived".equals(found.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "campaign_archived",
                    "the campaign is archived; set its status to active (PATCH /api/v2/campaigns/" + id
                            + ") to start new work in it", null);
        }
        if (found.clientArchived()) {
            throw new ApiException(HttpStatus.CONFLICT, "client_archived",
                    "the client is archived; an admin sets its status to active to start new work", null);
        }
        return found;
    }
}
