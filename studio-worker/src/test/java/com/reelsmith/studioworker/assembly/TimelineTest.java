package com.reelsmith.studioworker.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("no-broker")
class TimelineTest {

    private static AdScene scene(double seconds) {
        return new AdScene(Path.of("clip.mp4"), seconds, null);
    }

    @Test
    void sixOddScenesStillAddUpToTheirSumWithinHalfAFrame() {
        var scenes = List.of(scene(4.3), scene(3.37), scene(5.01), scene(2.22), scene(6.49), scene(8.61));

        var timeline = Timeline.of(scenes, 0.3, 24);

        assertThat(timeline.totalS()).isCloseTo(30.0, within(0.5 / 24));
        assertThat(timeline.startS(1)).isCloseTo(4.3, within(0.5 / 24));
    }

    @Test
    void everyClipButTheLastIsLongerByTheOverlapSoTheCrossFadesCostNoTime() {
        var timeline = Timeline.of(List.of(scene(2), scene(3), scene(5)), 0.25, 24);

        assertThat(timeline.transitionFrames()).isEqualTo(6);
        assertThat(timeline.segmentFrames(0)).isEqualTo(48 + 6);
        assertThat(timeline.segmentFrames(1)).isEqualTo(72 + 6);
        assertThat(timeline.segmentFrames(2)).isEqualTo(120);
        // joined with two 6-frame overlaps: 54 + 78 + 120 - 12 = 240 frames = 10 s
        int joined = timeline.segmentFrames(0) + timeline.segmentFrames(1) + timeline.segmentFrames(2)
                - 2 * timeline.transitionFrames();
        assertThat(joined).isEqualTo(240);
    }

    @Test
    void aTransitionNeverTakesMoreThanHalfTheShortestSceneAndOneSceneHasNone() {
        assertThat(Timeline.of(List.of(scene(1), scene(5)), 1.0, 24).transitionFrames()).isEqualTo(12);
        assertThat(Timeline.of(List.of(scene(5)), 0.3, 24).transitionFrames()).isZero();
    }

    @Test
    void frameSizesAreTheAspectAtTheShortSideWithEvenSides() {
        assertThat(FrameSize.of("16:9", 1080)).isEqualTo(new FrameSize(1920, 1080));
        assertThat(FrameSize.of("9:16", 1080)).isEqualTo(new FrameSize(1080, 1920));
        assertThat(FrameSize.of("1:1", 1080)).isEqualTo(new FrameSize(1080, 1080));
        assertThat(FrameSize.of("4:5", 1080)).isEqualTo(new FrameSize(1080, 1350));
        assertThat(FrameSize.of("16:9", 480)).isEqualTo(new FrameSize(854, 480));
        assertThat(FrameSize.ofRatio(1920, 1080, 720)).isEqualTo(new FrameSize(1280, 720));
    }
}
