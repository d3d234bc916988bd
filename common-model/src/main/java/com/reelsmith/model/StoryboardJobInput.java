package com.reelsmith.model;

import java.util.UUID;

/**
 * The input of a storyboard job, as stored in {@code jobs.input}: {@code plan} a brief into a new
 * storyboard, or {@code refine} a storyboard with written feedback on behalf of an API key (named
 * in its history).
 */
public record StoryboardJobInput(String action, UUID briefId, UUID storyboardId, String feedback, UUID keyId,
                                 String keyName) {

    public static final String PLAN = "plan";
    public static final String REFINE = "refine";

    public static StoryboardJobInput plan(UUID briefId) {
        return new StoryboardJobInput(PLAN, briefId, null, null, null, null);
    }

    public static StoryboardJobInput refine(UUID storyboardId, String feedback, UUID keyId, String keyName) {
        return new StoryboardJobInput(REFINE, null, storyboardId, feedback, keyId, keyName);
    }
}
