package com.reelsmith.studioworker.assembly;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything assembly needs: the scenes in order, the aspect ratio ({@code 16:9}, {@code 9:16},
 * {@code 1:1}, {@code 4:5}), the look, the closing call to action (may be null), a music file
 * (any audio FFmpeg reads; null: a silent track) and the cross-fade between scenes in seconds.
 */
public record AdCut(List<AdScene> scenes, String aspectRatio, AdLook look, String callToAction, Path music,
        double transitionS) {

    public AdCut {
        if (scenes == null || scenes.isEmpty()) {
            throw new IllegalArgumentException("an ad needs at least one scene");
        }
        scenes = List.copyOf(scenes);
        look = look == null ? AdLook.plain() : look;
        if (!(transitionS >= 0 && transitionS <= 1)) {
            throw new IllegalArgumentException("a transition lasts 0 to 1 second, not " + transitionS);
        }
    }

    public double durationS() {
        return scenes.stream().mapToDouble(AdScene::durationS).sum();
    }
}
