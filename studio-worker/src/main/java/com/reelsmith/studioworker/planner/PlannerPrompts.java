package com.reelsmith.studioworker.planner;

import com.reelsmith.platform.storyboards.Brief;
import com.reelsmith.platform.storyboards.StoryboardContent;
import tools.jackson.databind.ObjectMapper;

/**
 * What a language model is asked: a system prompt with the JSON shape to answer in (the model has
 * no JSON mode, so the shape is spelled out and the answer checked by {@link StoryboardAnswer}),
 * and the brief (or the storyboard and the feedback) as the user's prompt.
 */
final class PlannerPrompts {

    static final String SYSTEM = """
            You are a senior creative director planning short video ads. Answer with ONE JSON object and nothing
            else: no prose, no markdown. Its shape:
            {"direction": {"product": str, "audience": str, "message": str, "visual_style": str, "palette": [str],
                           "camera_and_motion": str, "audio_direction": str, "call_to_action": str, "tone": str},
             "scenes": [{"role": "hook|showcase|benefit|proof|call_to_action|logo", "description": str,
                         "image_prompt": str, "motion_prompt": str, "duration_s": int, "on_screen_text": str,
                         "voice_over": str or null}],
             "not_applied": [str]}
            Rules: scenes in order, the first a hook, the last the call to action (or a logo end card after it);
            each scene lasts 1 to 10 seconds and the durations add up exactly to the target length; the image
            prompt describes one keyframe for an image model, the motion prompt the camera and subject movement
            for an image-to-video model; on-screen text is at most 8 words. "not_applied" lists the parts of
            the reviewer's feedback you could not apply (empty when planning from a brief).""";

    private PlannerPrompts() {
    }

    static String plan(Brief brief, ObjectMapper json) {
        return "Plan a storyboard for this brief. Target length: " + brief.durationS() + " seconds, aspect ratio "
                + brief.aspectRatio() + ", platform " + brief.platform() + ".\nBrief: " + json.writeValueAsString(
                java.util.Map.of("text", brief.text(), "product", String.valueOf(brief.product()),
                        "audience", String.valueOf(brief.audience()), "key_message", String.valueOf(brief.keyMessage()),
                        "call_to_action", String.valueOf(brief.callToAction()), "tone", String.valueOf(brief.tone())));
    }

    static String refine(Brief brief, StoryboardContent current, String feedback, ObjectMapper json) {
        return "Revise this storyboard following the reviewer's feedback, keeping what the feedback does not touch. "
                + "Target length: " + current.totalDurationS() + " seconds unless the feedback asks for another, aspect ratio "
                + brief.aspectRatio() + ".\nFeedback: " + feedback + "\nStoryboard: " + json.writeValueAsString(current);
    }

    static String repair(String prompt, String problem) {
        return prompt + "\n\nYour previous answer could not be used: " + problem
                + ". Answer again with the JSON object only, in exactly the shape given.";
    }
}
