package com.reelsmith.gateway.jobs;

import com.reelsmith.gateway.replicate.ReplicateProperties;
import com.reelsmith.provider.replicate.ReplicateClient;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A job canceled in Reelsmith stops costing money at Replicate too: its running predictions
 * are canceled there. Best effort, after the cancel is committed; a prediction that finishes
 * anyway is dropped by the worker, whose conditional update finds the job canceled.
 */
@Component
public class PredictionCancels {

    private static final Logger log = LoggerFactory.getLogger(PredictionCancels.class);

    private final JdbcClient jdbc;
    private final ReplicateProperties settings;
    private final ReplicateClient replicate;

    PredictionCancels(JdbcClient jdbc, ReplicateProperties settings, ReplicateClient replicate) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.replicate = replicate;
    }

    public void cancelPredictionsOf(List<UUID> jobIds) {
        if (jobIds.isEmpty() || !settings.hasToken()) {
            return;
        }
        List<String> predictions = jdbc.sql("""
                select prediction_id from jobs where id in (:ids) and provider = 'replicate' and prediction_id is not null
                """).param("ids", jobIds).query(String.class).list();
        if (predictions.isEmpty()) {
            return;
        }
        for (String prediction : predictions) {
            try {
                replicate.cancel(prediction);
                log.info("canceled prediction {} at Replicate", prediction);
            } catch (RuntimeException e) {
                log.warn("could not cancel prediction {} at Replicate: {}", prediction, e.getMessage());
            }
        }
    }
}
