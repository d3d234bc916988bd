package com.reelsmith.provider.replicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuardedReplicateTest {

    final ReplicateStub stub = start();
    final ReplicateClient client = new ReplicateClient(new ReplicateSettings(stub.url(), "t", Duration.ofSeconds(2), 0),
            HttpClient.newHttpClient());

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void aModelThatKeepsFailingIsNoLongerCalledForAWhileAndOtherModelsStillAre() {
        var guarded = new GuardedReplicate(client, 600, Duration.ofMinutes(1));
        for (int i = 0; i < 5; i++) {
            stub.then(ReplicateStub.Answer.json(503, "{\"detail\": \"down\"}"));
        }
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> guarded.get("google/nano-banana", "p")).isInstanceOf(ReplicateException.class);
        }
        int calls = stub.received.size();

        assertThatThrownBy(() -> guarded.get("google/nano-banana", "p"))
                .isInstanceOfSatisfying(ReplicateException.class, e -> {
                    assertThat(e.code()).isEqualTo("provider_circuit_open");
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(stub.received).as("the open circuit sent nothing").hasSize(calls);

        stub.then(ReplicateStub.Answer.json(200, ReplicateStub.prediction("k", "processing", null, null)));
        assertThat(guarded.get("kwaivgi/kling-v2.1", "k").status()).isEqualTo("processing");
    }

    @Test
    void inputErrorsDoNotOpenTheCircuit() {
        var guarded = new GuardedReplicate(client, 600, Duration.ofMinutes(1));
        for (int i = 0; i < 6; i++) {
            stub.then(ReplicateStub.Answer.json(422, "{\"detail\": \"bad input\"}"));
        }
        for (int i = 0; i < 6; i++) {
            assertThatThrownBy(() -> guarded.create("google/nano-banana", Map.of(), null))
                    .isInstanceOfSatisfying(ReplicateException.class, e -> assertThat(e.code()).isEqualTo("invalid_input"));
        }
        assertThat(stub.received).hasSize(6);
    }

    @Test
    void createsBeyondTheRateWaitThenAreRefusedAsRetryable() {
        var guarded = new GuardedReplicate(client, 1, Duration.ofMinutes(1));
        stub.then(ReplicateStub.Answer.json(201, ReplicateStub.prediction("a", "starting", null, null)));

        guarded.create("google/nano-banana", Map.of("prompt", "x"), null);

        assertThatThrownBy(() -> guarded.create("google/nano-banana", Map.of("prompt", "y"), null))
                .isInstanceOfSatisfying(ReplicateException.class, e -> {
                    assertThat(e.code()).isEqualTo("provider_rate_limited");
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(stub.received).hasSize(1);
    }

    private static ReplicateStub start() {
        try {
            return new ReplicateStub();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
