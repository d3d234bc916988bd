package com.reelsmith.studioworker.music;

import java.nio.file.Path;

/** Makes the music under an ad: an audio file of at least {@code durationS} seconds in {@code workDir}. */
public interface MusicBed {

    Path compose(AudioDirection direction, double durationS, Path workDir);

    String name();
}
