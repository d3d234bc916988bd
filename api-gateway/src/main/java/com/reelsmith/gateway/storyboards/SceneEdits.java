package com.reelsmith.gateway.storyboards;

import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.platform.storyboards.CreativeDirection;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.StoryboardContent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * A reviewer's changes to a version's content, as pure functions: edit a scene's fields, add one,
 * remove one, reorder them. Each checks its input (400 naming the field, 404 for an unknown scene)
 * and returns the content of the next version; the direction's total follows the scenes.
 */
final class SceneEdits {

    static final Set<String> ROLES = Set.of("hook", "showcase", "benefit", "proof", "call_to_action", "logo", "scene");
    static final int MAX_SCENES = 20;

    /** The fields a scene edit may carry; null leaves the field as it is. */
    record SceneFields(String role, String description, String imagePrompt, String motionPrompt, Integer durationS,
                       String onScreenText, String voiceOver) {
    }

    private SceneEdits() {
    }

    static StoryboardContent edit(StoryboardContent content, String sceneId, SceneFields f) {
        int at = indexOf(content, sceneId);
        Scene s = content.scenes().get(at);
        Scene changed = new Scene(s.id(), f.role() == null ? s.role() : role(f.role()),
                orElse("description", f.description(), s.description(), 2000),
                orElse("image_prompt", f.imagePrompt(), s.imagePrompt(), 4000),
                orElse("motion_prompt", f.motionPrompt(), s.motionPrompt(), 2500),
                f.durationS() == null ? s.durationS() : duration(f.durationS()),
                orElse("on_screen_text", f.onScreenText(), s.onScreenText(), 200),
                orElse("voice_over", f.voiceOver(), s.voiceOver(), 500));
        List<Scene> scenes = new ArrayList<>(content.scenes());
        scenes.set(at, changed);
        return with(content, scenes);
    }

    static StoryboardContent add(StoryboardContent content, String afterSceneId, SceneFields f) {
        if (content.scenes().size() >= MAX_SCENES) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "too_many_scenes",
                    "a storyboard has at most " + MAX_SCENES + " scenes", null);
        }
        if (f.description() == null || f.description().isBlank()) {
            throw ApiException.missing("description");
        }
        if (f.durationS() == null) {
            throw ApiException.missing("duration_s");
        }
        String description = orElse("description", f.description(), null, 2000);
        Scene scene = new Scene(nextId(content), f.role() == null ? "scene" : role(f.role()), description,
                f.imagePrompt() == null ? description : orElse("image_prompt", f.imagePrompt(), null, 4000),
                f.motionPrompt() == null ? "gentle camera move" : orElse("motion_prompt", f.motionPrompt(), null, 2500),
                duration(f.durationS()), orElse("on_screen_text", f.onScreenText(), null, 200),
                orElse("voice_over", f.voiceOver(), null, 500));
        List<Scene> scenes = new ArrayList<>(content.scenes());
        int at = afterSceneId == null ? scenes.size() : indexOf(content, afterSceneId) + 1;
        scenes.add(at, scene);
        return with(content, scenes);
    }

    static StoryboardContent remove(StoryboardContent content, String sceneId) {
        int at = indexOf(content, sceneId);
        if (content.scenes().size() == 1) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "last_scene",
                    "a storyboard keeps at least one scene; edit this one instead", null);
        }
        List<Scene> scenes = new ArrayList<>(content.scenes());
        scenes.remove(at);
        return with(content, scenes);
    }

    static StoryboardContent reorder(StoryboardContent content, List<String> sceneIds) {
        if (sceneIds == null) {
            throw ApiException.missing("scene_ids");
        }
        Set<String> current = new HashSet<>(content.scenes().stream().map(Scene::id).toList());
        if (sceneIds.size() != current.size() || !current.equals(new HashSet<>(sceneIds))) {
            throw ApiException.invalid("scene_ids", "scene_ids must name every scene of the version once: "
                    + String.join(", ", content.scenes().stream().map(Scene::id).toList()));
        }
        List<Scene> scenes = sceneIds.stream().map(id -> content.scenes().get(indexOf(content, id))).toList();
        return with(content, scenes);
    }

    private static StoryboardContent with(StoryboardContent content, List<Scene> scenes) {
        var d = content.direction();
        int total = scenes.stream().mapToInt(Scene::durationS).sum();
        var direction = new CreativeDirection(d.product(), d.audience(), d.message(), d.visualStyle(), d.palette(),
                d.cameraAndMotion(), d.audioDirection(), d.callToAction(), d.platform(), d.aspectRatio(), total, d.tone());
        return new StoryboardContent(direction, List.copyOf(scenes));
    }

    static int indexOf(StoryboardContent content, String sceneId) {
        for (int i = 0; i < content.scenes().size(); i++) {
            if (content.scenes().get(i).id().equals(sceneId)) {
                return i;
            }
        }
        throw ApiException.notFound("scene", sceneId);
    }

    private static String role(String role) {
        if (!ROLES.contains(role)) {
            throw ApiException.invalid("role", "role must be one of " + String.join(", ", ROLES.stream().sorted().toList()));
        }
        return role;
    }

    private static int duration(int seconds) {
        if (seconds < Scene.MIN_DURATION_S || seconds > Scene.MAX_DURATION_S) {
            throw ApiException.invalid("duration_s", "a scene lasts " + Scene.MIN_DURATION_S + " to "
                    + Scene.MAX_DURATION_S + " seconds");
        }
        return seconds;
    }

    private static String orElse(String field, String given, String current, int max) {
        if (given == null) {
            return current;
        }
        if (given.length() > max) {
            throw ApiException.invalid(field, field + " must be at most " + max + " characters");
        }
        return given.isBlank() ? null : given.trim();
    }

    private static String nextId(StoryboardContent content) {
        int max = content.scenes().stream().map(Scene::id).filter(id -> id.matches("s\\d+"))
                .mapToInt(id -> Integer.parseInt(id.substring(1))).max().orElse(0);
        return "s" + (max + 1);
    }
}
