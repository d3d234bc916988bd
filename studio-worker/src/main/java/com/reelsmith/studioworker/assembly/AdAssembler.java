package com.reelsmith.studioworker.assembly;

import java.nio.file.Path;

/** Turns scene clips, texts, a look and music into the finished 1080p H.264 + AAC MP4. */
public final class AdAssembler {

    public AssembledAd assemble(AdCut cut, Path output) {
        throw new AssemblyException("not built yet");
    }
}
