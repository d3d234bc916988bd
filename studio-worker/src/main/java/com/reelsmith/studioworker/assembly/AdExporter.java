package com.reelsmith.studioworker.assembly;

import java.nio.file.Path;

/** Re-encodes a finished ad for a platform: container, short side and optionally another aspect ratio. */
public final class AdExporter {

    public ExportedFile export(Path ad, ExportFormat format, int resolution, String aspectRatio, Path output) {
        throw new AssemblyException("not built yet");
    }
}
