package com.reelsmith.platform.storyboards;

import com.reelsmith.model.MediaRef;
import java.util.List;
import java.util.UUID;

/**
 * A creative brief as stored: the team's free text and optional fields, with the platform's
 * defaults filled in (platform, duration and aspect ratio are always set). Written by the gateway,
 * read by the planners.
 */
public record Brief(UUID id, UUID clientId, UUID campaignId, String text, String product, String audience,
                    String keyMessage, String callToAction, String platform, int durationS, String aspectRatio,
                    String tone, List<MediaRef> references) {
}
