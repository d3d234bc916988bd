package com.reelsmith.studioworker.productions;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * maxParallelScenes: how many of a production's scene clips may be in the making at once
 * (PRODUCTION_MAX_PARALLEL_SCENES); the next starts as one finishes. sceneDeadline: how long a
 * scene's clip may work from its start (its keyframe included) before the production gives up on
 * it. music: {@code local} (an offline synthesised bed) or {@code replicate} ({@code musicModel}).
 * transitionS: the cross-fade between scenes.
 */
@ConfigurationProperties("reelsmith.production")
public record ProductionProperties(Integer maxParallelScenes, Duration sceneDeadline, String music, String musicModel,
                                   Double transitionS) {

    public ProductionProperties {
        maxParallelScenes = maxParallelScenes == null ? 3 : maxParallelScenes;
        if (maxParallelScenes < 1) {
            throw new IllegalArgumentException("reelsmith.production.max-parallel-scenes must be at least 1, not "
                    + maxParallelScenes);
        }
        sceneDeadline = sceneDeadline == null ? Duration.ofMinutes(15) : sceneDeadline;
        music = music == null || music.isBlank() ? "local" : music;
        musicModel = musicModel == null || musicModel.isBlank() ? "meta/musicgen" : musicModel;
        transitionS = transitionS == null ? 0.4 : transitionS;
    }
}
