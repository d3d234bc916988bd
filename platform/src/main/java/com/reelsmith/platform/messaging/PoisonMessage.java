package com.reelsmith.platform.messaging;

/**
 * A message that can never be handled (unreadable, or about a job that does not exist): it is
 * logged and moved to its queue's dead-letter queue at once, never retried.
 */
public class PoisonMessage extends RuntimeException {

    public PoisonMessage(String reason) {
        super(reason);
    }

    public PoisonMessage(String reason, Throwable cause) {
        super(reason, cause);
    }
}
