package com.reelsmith.work.saga;

import com.reelsmith.platform.jobs.DueJobs;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.platform.messaging.ProcessedMessages;
import com.reelsmith.work.GenerationProvider;
import com.reelsmith.work.WorkerConfiguration;
import com.reelsmith.work.WorkerIdentity;
import com.reelsmith.work.WorkerProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/** The saga support, for a worker that runs sagas (its own configuration, so {@code work} never depends on {@code work.saga}). */
@AutoConfiguration(after = WorkerConfiguration.class)
public class SagaConfiguration {

    @Bean
    ChildJobs childJobs(JobTransitions jobs, DueJobs due, ProcessedMessages processed, Outbox outbox, JdbcClient jdbc,
                        TransactionTemplate transaction, GenerationProvider provider, WorkerIdentity worker,
                        WorkerProperties properties, ObjectMapper json) {
        return new ChildJobs(jobs, due, processed, outbox, jdbc, transaction, provider, worker, properties, json);
    }
}
