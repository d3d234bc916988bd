package com.reelsmith.studioworker.assembly;

/** Assembly or an export failed; the message names the step and carries FFmpeg's own words. */
public class AssemblyException extends RuntimeException {

    public AssemblyException(String message) {
        super(message);
    }

    public AssemblyException(String message, Throwable cause) {
        super(message, cause);
    }
}
