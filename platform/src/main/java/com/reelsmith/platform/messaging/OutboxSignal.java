package com.reelsmith.platform.messaging;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Wakes this process's outbox relay when a transaction that wrote outbox rows commits. It
 * replaces a database trigger that sent {@code pg_notify} on every insert: a transaction that
 * has notified holds a database-wide lock through its commit, so every job and event commit in
 * the system queued behind the others. Rows written by another process are found by the relay's
 * idle poll ({@code reelsmith.amqp.relay-idle-poll}), or by that process's own relay at once.
 * Many commits while the relay is busy come to one wake-up: it then drains all of them in batches.
 */
public class OutboxSignal {

    private final Semaphore pending = new Semaphore(0);

    /** Called by {@link Outbox} for a row written in the current transaction: wake the relay after it commits. */
    void afterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake(); // no transaction to wait for (the row is already committed)
            return;
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            // this transaction already wakes the relay when it commits: once is enough for all its rows (a
            // transaction nested inside it with REQUIRES_NEW is then found by the idle poll instead)
            return;
        }
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wake();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(OutboxSignal.this);
            }
        });
    }

    public void wake() {
        if (pending.availablePermits() == 0) {
            pending.release();
        }
    }

    /** Waits for a commit, at most {@code max}; true when one came. */
    boolean await(Duration max) throws InterruptedException {
        boolean woken = pending.tryAcquire(max.toNanos(), TimeUnit.NANOSECONDS);
        pending.drainPermits();
        return woken;
    }
}
