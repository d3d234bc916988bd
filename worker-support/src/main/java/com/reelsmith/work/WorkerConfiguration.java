package com.reelsmith.work;

import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.media.MediaStore;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.platform.messaging.Retention;
import com.reelsmith.provider.ImageGenerator;
import com.reelsmith.provider.VideoGenerator;
import com.reelsmith.provider.local.LocalImageGenerator;
import com.reelsmith.provider.local.LocalSettings;
import com.reelsmith.provider.local.LocalVideoGenerator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

@AutoConfiguration
@EnableScheduling
@EnableConfigurationProperties({WorkerProperties.class, ProviderProperties.class})
public class WorkerConfiguration {

    @Bean
    WorkerIdentity workerIdentity(@Value("${spring.application.name:worker}") String service) {
        return WorkerIdentity.ofThisProcess(service);
    }

    @Bean
    LeaseKeeper leaseKeeper(JobTransitions jobs, WorkerIdentity worker, WorkerProperties properties) {
        return new LeaseKeeper(jobs, worker, properties);
    }

    @Bean
    MediaSources mediaSources(JdbcClient jdbc, MediaStore store) {
        return new MediaSources(jdbc, store);
    }

    @Bean
    ResultRecorder resultRecorder(JdbcClient jdbc, TransactionTemplate transaction, MediaStore store,
                                  JobTransitions jobs, Outbox outbox, WorkerIdentity worker) {
        return new ResultRecorder(jdbc, transaction, store, jobs, outbox, worker);
    }

    @Bean
    JobFailures jobFailures(TransactionTemplate transaction, JobTransitions jobs, Outbox outbox, WorkerIdentity worker,
                            WorkerProperties properties) {
        return new JobFailures(transaction, jobs, outbox, worker, properties);
    }

    @Bean
    RetentionSchedule retentionSchedule(Retention retention, WorkerProperties properties) {
        return new RetentionSchedule(retention, properties);
    }

    @Bean
    LocalSettings localSettings(ProviderProperties p) {
        LocalSettings d = LocalSettings.defaults();
        return new LocalSettings(p.localImageLongSide() == null ? d.imageLongSide() : p.localImageLongSide(),
                p.localVideoLongSide() == null ? d.videoLongSide() : p.localVideoLongSide(),
                p.localFps() == null ? d.fps() : p.localFps(),
                p.localLatency() == null ? d.simulatedLatency() : p.localLatency());
    }

    @Bean
    ImageGenerator imageGenerator(ProviderProperties provider, LocalSettings settings) {
        requireLocal(provider);
        return new LocalImageGenerator(settings);
    }

    @Bean
    VideoGenerator videoGenerator(ProviderProperties provider, LocalSettings settings) {
        requireLocal(provider);
        return new LocalVideoGenerator(settings);
    }

    private static void requireLocal(ProviderProperties provider) {
        if (!"local".equals(provider.name())) {
            // honest refusal: the Replicate client is its own piece of work (issue 5), not a silent fallback
            throw new IllegalStateException("PROVIDER=" + provider.name() + " is not available in this build; use PROVIDER=local");
        }
    }
}
