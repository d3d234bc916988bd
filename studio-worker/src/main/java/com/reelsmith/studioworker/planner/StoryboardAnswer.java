package com.reelsmith.studioworker.planner;

import com.reelsmith.platform.storyboards.Brief;
import com.reelsmith.platform.storyboards.CreativeDirection;
import com.reelsmith.platform.storyboards.PlatformDefaults;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.StoryboardContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A language model's answer, checked against the storyboard schema and repaired where that is
 * safe: the JSON found inside prose or a code fence, a missing role or motion prompt filled in,
 * durations brought into 1-10 s and scaled to sum to the target, the direction completed from the
 * brief. What cannot be repaired (no JSON, no scenes, a scene without a description or image
 * prompt, too few scenes for the length) is {@link Invalid}, and the model is asked again.
 */
final class StoryboardAnswer {

    static final Set<String> ROLES = Set.of("hook", "showcase", "benefit", "proof", "call_to_action", "logo", "scene");
    static final int MAX_SCENES = 20;

    static final class Invalid extends RuntimeException {
        Invalid(String problem) {
            super(problem);
        }
    }

    record Parsed(StoryboardContent content, List<String> notApplied) {
    }

    private StoryboardAnswer() {
    }

    /** {@code targetS}: the length the scenes must add up to, or 0 to take the answer's own (a refinement may change it). */
    static Parsed parse(String text, Brief brief, int targetS, ObjectMapper json) {
        JsonNode root = jsonIn(text, json);
        JsonNode scenesNode = root.path("scenes");
        if (!scenesNode.isArray() || scenesNode.isEmpty()) {
            throw new Invalid("it has no \"scenes\" array");
        }
        if (scenesNode.size() > MAX_SCENES) {
            throw new Invalid("it has " + scenesNode.size() + " scenes; at most " + MAX_SCENES);
        }
        if (targetS <= 0) {
            int own = 0;
            for (JsonNode s : scenesNode) {
                own += Math.max(Scene.MIN_DURATION_S, Math.min(Scene.MAX_DURATION_S, s.path("duration_s").asInt(5)));
            }
            targetS = Math.max(PlatformDefaults.MIN_DURATION_S, Math.min(PlatformDefaults.MAX_DURATION_S, own));
        }
        if (scenesNode.size() * Scene.MAX_DURATION_S < targetS) {
            throw new Invalid(scenesNode.size() + " scenes of at most 10 s cannot fill " + targetS + " s");
        }
        if (scenesNode.size() * Scene.MIN_DURATION_S > targetS) {
            throw new Invalid(scenesNode.size() + " scenes of at least 1 s do not fit in " + targetS + " s");
        }
        List<Scene> scenes = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (int i = 0; i < scenesNode.size(); i++) {
            JsonNode s = scenesNode.get(i);
            String description = text(s, "description");
            String image = text(s, "image_prompt");
            if (description == null || image == null) {
                throw new Invalid("scene " + (i + 1) + " lacks a description or an image_prompt");
            }
            String role = text(s, "role");
            int duration = s.path("duration_s").isNumber() ? s.path("duration_s").asInt() : 0;
            weights.add((double) Math.max(Scene.MIN_DURATION_S, Math.min(Scene.MAX_DURATION_S,
                    duration <= 0 ? Math.max(1, targetS / scenesNode.size()) : duration)));
            scenes.add(new Scene("s" + (i + 1), role != null && ROLES.contains(role) ? role : "scene", description, image,
                    orElse(text(s, "motion_prompt"), "gentle camera move"), 1, text(s, "on_screen_text"),
                    text(s, "voice_over")));
        }
        List<Integer> durations = Durations.fit(weights, targetS);
        List<Scene> fitted = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            fitted.add(scenes.get(i).withDuration(durations.get(i)));
        }
        List<String> notApplied = new ArrayList<>();
        root.path("not_applied").forEach(n -> {
            if (n.isString() && !n.asString().isBlank()) {
                notApplied.add(n.asString());
            }
        });
        return new Parsed(new StoryboardContent(direction(root.path("direction"), brief, targetS), fitted), notApplied);
    }

    /** The model's direction where it gave one, the brief's (as the local planner reads it) where it did not. */
    private static CreativeDirection direction(JsonNode d, Brief brief, int targetS) {
        var fallback = LocalPlanner.direction(brief, BriefReading.of(brief));
        List<String> palette = new ArrayList<>();
        d.path("palette").forEach(c -> {
            if (c.isString()) {
                palette.add(c.asString());
            }
        });
        return new CreativeDirection(orElse(text(d, "product"), fallback.product()),
                orElse(text(d, "audience"), fallback.audience()), orElse(text(d, "message"), fallback.message()),
                orElse(text(d, "visual_style"), fallback.visualStyle()), palette.isEmpty() ? fallback.palette() : palette,
                orElse(text(d, "camera_and_motion"), fallback.cameraAndMotion()),
                orElse(text(d, "audio_direction"), fallback.audioDirection()),
                brief.callToAction() != null ? brief.callToAction() : orElse(text(d, "call_to_action"), fallback.callToAction()),
                brief.platform(), brief.aspectRatio(), targetS, orElse(text(d, "tone"), fallback.tone()));
    }

    private static JsonNode jsonIn(String text, ObjectMapper json) {
        int start = text == null ? -1 : text.indexOf('{');
        int end = text == null ? -1 : text.lastIndexOf('}');
        if (start < 0 || end <= start) {
            throw new Invalid("it contains no JSON object");
        }
        try {
            JsonNode root = json.readTree(text.substring(start, end + 1));
            if (!root.isObject()) {
                throw new Invalid("it is not a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            throw new Invalid("its JSON does not parse (" + e.getOriginalMessage() + ")");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() && !value.asString().isBlank() ? value.asString().trim() : null;
    }

    private static String orElse(String value, String fallback) {
        return value != null ? value : fallback;
    }
}
