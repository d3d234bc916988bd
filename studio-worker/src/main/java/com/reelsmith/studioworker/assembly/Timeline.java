package com.reelsmith.studioworker.assembly;

import java.util.List;

/**
 * Where each scene starts, in whole frames, so the finished ad lasts the sum of the scene
 * durations to within half a frame however many scenes there are (rounding each scene on its own
 * would add up to a frame per scene).
 *
 * <p>A cross-fade of {@code transitionFrames} overlaps two clips; every clip but the last is made
 * that much longer (its own frames, or its last frame held) so the overlap costs no time and the
 * next scene starts fading in exactly at its boundary.
 */
record Timeline(int fps, int[] boundaries, int transitionFrames) {

    static Timeline of(List<AdScene> scenes, double transitionS, int fps) {
        int[] boundaries = new int[scenes.size() + 1];
        double at = 0;
        int shortest = Integer.MAX_VALUE;
        for (int k = 0; k < scenes.size(); k++) {
            at += scenes.get(k).durationS();
            boundaries[k + 1] = (int) Math.round(at * fps);
            shortest = Math.min(shortest, boundaries[k + 1] - boundaries[k]);
        }
        // a transition longer than half the shortest scene would hide that scene's text behind a fade
        int transition = Math.min((int) Math.round(transitionS * fps), shortest / 2);
        return new Timeline(fps, boundaries, scenes.size() > 1 ? transition : 0);
    }

    int scenes() {
        return boundaries.length - 1;
    }

    double startS(int scene) {
        return (double) boundaries[scene] / fps;
    }

    double endS(int scene) {
        return (double) boundaries[scene + 1] / fps;
    }

    double totalS() {
        return (double) boundaries[scenes()] / fps;
    }

    /** Frames of clip the scene needs: its own plus the overlap into the next scene. */
    int segmentFrames(int scene) {
        int own = boundaries[scene + 1] - boundaries[scene];
        return scene < scenes() - 1 ? own + transitionFrames : own;
    }

    double segmentS(int scene) {
        return (double) segmentFrames(scene) / fps;
    }

    double transitionS() {
        return (double) transitionFrames / fps;
    }
}
