package com.reelsmith.studioworker.music;

import java.nio.file.Path;

/** An offline synthesised bed: chords, bass and drums from the direction's tempo and mood, as a WAV. */
public final class LocalMusicBed implements MusicBed {

    @Override
    public Path compose(AudioDirection direction, double durationS, Path workDir) {
        throw new UnsupportedOperationException("not built yet");
    }

    @Override
    public String name() {
        return "local";
    }
}
