package com.reelsmith.platform.storyboards;

import java.util.List;

/** The storyboard's creative direction: what every scene's prompts are written to. */
public record CreativeDirection(String product, String audience, String message, String visualStyle,
                                List<String> palette, String cameraAndMotion, String audioDirection,
                                String callToAction, String platform, String aspectRatio, int durationS, String tone) {
}
