package com.reelsmith.gateway.outbound;

/** A URL Reelsmith will not connect to, with a reason a client can act on. */
public class RefusedTarget extends RuntimeException {

    public RefusedTarget(String reason) {
        super(reason);
    }
}
