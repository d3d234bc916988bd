package com.reelsmith.platform.storyboards;

/**
 * One scene. {@code id} stays with the scene across versions (edits, reorders and previews name
 * it); {@code role} says what it does in the ad (hook, showcase, benefit, proof, call_to_action, logo).
 */
public record Scene(String id, String role, String description, String imagePrompt, String motionPrompt,
                    int durationS, String onScreenText, String voiceOver) {

    public static final int MIN_DURATION_S = 1;
    public static final int MAX_DURATION_S = 10;

    public Scene withDuration(int seconds) {
        return new Scene(id, role, description, imagePrompt, motionPrompt, seconds, onScreenText, voiceOver);
    }
}
