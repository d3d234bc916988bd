package com.reelsmith.studioworker.planner;

import com.reelsmith.platform.storyboards.Brief;
import com.reelsmith.platform.storyboards.StoryboardContent;

/**
 * Turns a brief into a creative direction and ordered scenes, and a storyboard plus written
 * feedback into its next version. Chosen by {@code PLANNER}: {@code local} (offline rules and
 * templates, deterministic) or {@code replicate} (a text model). A planner that cannot do the work
 * throws a {@code ProviderException}, which the job runner retries or fails with its message.
 */
public interface Planner {

    String name();

    StoryboardContent plan(Brief brief);

    Refinement refine(Brief brief, StoryboardContent current, String feedback);
}
