package com.reelsmith.work.saga;

import com.reelsmith.model.JobKind;
import java.time.Duration;

/**
 * A saga step that fans out to child jobs and resumes its parent when they are all done, or
 * fails it when one fails for good or runs past the deadline (and then cancels the others, at
 * the provider too). The image-then-video saga is a fan-out of one; a production's scene clips
 * are a fan-out of many.
 *
 * @param parentKind    the kind of the parent job
 * @param consumer      the name under which the children's events are deduplicated
 * @param waitingState  the parent's saga state while it waits
 * @param resumedState  the parent's saga state once every child succeeded
 * @param timeoutCode   the parent's error code when a child overran the deadline
 * @param childFailed   how the parent's error message starts when a child failed
 * @param deadline      how long a child may work (from its start) before the parent gives up on it;
 *                      null: the workers' SAGA_DEADLINE (a production's scene, itself a saga of a
 *                      keyframe and a clip, gets longer)
 */
public record FanOut(JobKind parentKind, String consumer, String waitingState, String resumedState, String timeoutCode,
                     String childFailed, Duration deadline) {

    public FanOut(JobKind parentKind, String consumer, String waitingState, String resumedState, String timeoutCode,
                  String childFailed) {
        this(parentKind, consumer, waitingState, resumedState, timeoutCode, childFailed, null);
    }
}
