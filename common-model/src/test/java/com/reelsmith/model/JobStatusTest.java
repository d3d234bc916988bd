package com.reelsmith.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobStatusTest {

    @Test
    void terminalStatesLeadNowhere() {
        for (JobStatus s : JobStatus.values()) {
            assertThat(s.next().isEmpty()).as(s.name()).isEqualTo(s.isTerminal());
        }
    }

    @Test
    void aJobIsTakenFromQueuedWaitingOrAnExpiredLeaseButNeverStraightFromRetrying() {
        assertThat(JobStatus.sourcesOf(JobStatus.RUNNING))
                .containsExactlyInAnyOrder(JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.WAITING);
        assertThat(JobStatus.RETRYING.next()).containsExactlyInAnyOrder(JobStatus.QUEUED, JobStatus.FAILED, JobStatus.CANCELED);
    }

    @Test
    void onlyARunningJobSucceeds() {
        assertThat(JobStatus.sourcesOf(JobStatus.SUCCEEDED)).containsExactly(JobStatus.RUNNING);
    }

    @Test
    void wireNamesRoundTrip() {
        for (JobStatus s : JobStatus.values()) {
            assertThat(JobStatus.fromWire(s.wire())).isEqualTo(s);
        }
        assertThat(JobKind.fromWire("video")).isEqualTo(JobKind.VIDEO);
    }

    @Test
    void routingNamesCarryThePrefix() {
        Routing routing = new Routing("t1");
        assertThat(routing.imageWorkerCommands()).isEqualTo("t1.image-worker.commands");
        assertThat(Routing.deadLetterQueueOf(routing.imageWorkerCommands())).isEqualTo("t1.image-worker.commands.dlq");
    }
}
