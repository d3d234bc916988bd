package com.reelsmith.platform.storyboards;

import java.util.List;

/** What one version of a storyboard holds: its direction and its scenes in order. Immutable once written. */
public record StoryboardContent(CreativeDirection direction, List<Scene> scenes) {

    public int totalDurationS() {
        return scenes.stream().mapToInt(Scene::durationS).sum();
    }
}
