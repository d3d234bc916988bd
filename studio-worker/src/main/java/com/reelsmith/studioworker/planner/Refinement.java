package com.reelsmith.studioworker.planner;

import com.reelsmith.platform.storyboards.StoryboardContent;
import java.util.List;

/** A refined storyboard and what of the feedback was applied (intents) and what could not be (the words as written). */
public record Refinement(StoryboardContent content, List<String> applied, List<String> notApplied) {
}
