package com.reelsmith.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Waiting for something asynchronous to happen, in one place: poll every 25 ms until the
 * condition holds, and fail naming what was awaited when the time runs out. A positive wait
 * ends as soon as the thing happens, so a slow machine costs time, not a flaky test.
 */
public final class Eventually {

    private static final long POLL_MS = 25;

    private Eventually() {
    }

    /** Waits until {@code condition} holds; an AssertionError naming {@code what} if it does not within {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        if (!holdsWithin(timeout, condition)) {
            throw new AssertionError(what + ": not within " + timeout.toMillis() + " ms");
        }
    }

    /** Whether {@code condition} came to hold within {@code timeout} (for a wait whose timeout is not a failure). */
    public static boolean holdsWithin(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
        return true;
    }

    /** Waits until the captured log output ({@code output}, read again on every poll) has a line matching {@code regex}. */
    public static void awaitLog(Supplier<String> output, String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        // not the whole captured output in the failure: the pattern names what was missing
        await("a log line matching " + regex, timeout, () -> pattern.matcher(output.get()).find());
    }
}
