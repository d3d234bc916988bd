package com.reelsmith.platform.storyboards;

/**
 * A change refused because of the storyboard's state: a stale version, a move its state does not
 * allow, approving twice, the refinement limit. The gateway answers 409 with {@code code}; a
 * worker fails the job with it.
 */
public class StoryboardConflict extends RuntimeException {

    private final String code;

    public StoryboardConflict(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
