package com.reelsmith.studioworker.assembly;

/** The containers an ad is exported in, with their codecs and content type. */
public enum ExportFormat {
    MP4("video/mp4", "mp4"),
    MOV("video/quicktime", "mov"),
    WEBM("video/webm", "webm");

    private final String contentType;
    private final String muxer;

    ExportFormat(String contentType, String muxer) {
        this.contentType = contentType;
        this.muxer = muxer;
    }

    public String contentType() {
        return contentType;
    }

    /** FFmpeg's name for the container, also the file extension. */
    public String muxer() {
        return muxer;
    }
}
