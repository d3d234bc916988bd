package com.reelsmith.platform.brand;

import com.reelsmith.platform.storyboards.CreativeDirection;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.StoryboardContent;

/**
 * A storyboard written to the client's brand: the brand's colours become the palette, its style
 * keywords join the visual style, and every scene's image and motion prompt carries the
 * guidelines, so a keyframe or clip made from a scene is on brand whoever made the storyboard.
 */
public final class BrandedStoryboards {

    private BrandedStoryboards() {
    }

    public static StoryboardContent apply(StoryboardContent content, BrandGuidelines brand) {
        if (brand.isEmpty()) {
            return content;
        }
        var d = content.direction();
        String style = brand.styleKeywords().isEmpty() || d.visualStyle().contains("brand style:") ? d.visualStyle()
                : d.visualStyle() + "; brand style: " + String.join(", ", brand.styleKeywords());
        var direction = new CreativeDirection(d.product(), d.audience(), d.message(), style,
                brand.colors().isEmpty() ? d.palette() : brand.colors(), d.cameraAndMotion(), d.audioDirection(),
                d.callToAction(), d.platform(), d.aspectRatio(), d.durationS(), d.tone());
        var scenes = content.scenes().stream().map(s -> new Scene(s.id(), s.role(), s.description(),
                brand.applyTo(s.imagePrompt()), brand.applyTo(s.motionPrompt()), s.durationS(), s.onScreenText(),
                s.voiceOver())).toList();
        return new StoryboardContent(direction, scenes);
    }
}
