package com.reelsmith.work;

import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;

import com.reelsmith.platform.jobs.DueJobs;
import com.reelsmith.platform.jobs.JobTransitions;
import org.springframework.amqp.core.AmqpAdmin;
import com.reelsmith.platform.media.MediaLinkSigner;
import com.reelsmith.platform.media.MediaStore;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.provider.replicate.GuardedReplicate;
import com.reelsmith.work.retention.MediaSweep;
import com.reelsmith.work.retention.MessageRetention;
import com.reelsmith.work.retention.RetentionProperties;
import com.reelsmith.work.retention.RetentionSchedule;
import com.reelsmith.provider.replicate.OutputDownloader;
import com.reelsmith.provider.replicate.ReplicateClient;
import com.reelsmith.provider.replicate.ReplicateModels;
import com.reelsmith.provider.replicate.ReplicateSettings;
import java.net.http.HttpClient;
import java.time.Duration;
import com.reelsmith.provider.local.LocalFaults;
import com.reelsmith.provider.local.LocalImageGenerator;
import com.reelsmith.provider.local.LocalSettings;
import com.reelsmith.provider.local.LocalVideoGenerator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

@AutoConfiguration
@EnableScheduling
@EnableConfigurationProperties({WorkerProperties.class, ProviderProperties.class, WorkerReplicateProperties.class,
        RetentionProperties.class})
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
                            WorkerProperties properties, JobMetrics metrics) {
        return new JobFailures(transaction, jobs, outbox, worker, properties, metrics);
    }

    @Bean
    JobMetrics jobMetrics(MeterRegistry meters) {
        return new JobMetrics(meters);
    }

    @Bean
    JobRunner jobRunner(JobTransitions jobs, GenerationProvider provider, JobFailures failures, LeaseKeeper leases,
                        WorkerIdentity worker, WorkerProperties properties, JobMetrics metrics) {
        return new JobRunner(jobs, provider, failures, leases, worker, properties, metrics);
    }

    @Bean
    JobSweeper jobSweeper(DueJobs due, TransactionTemplate transaction, Outbox outbox, AmqpAdmin admin,
                          WorkerProperties properties) {
        return new JobSweeper(due, transaction, outbox, admin, properties);
    }

    @Bean
    MessageRetention messageRetention(JdbcClient jdbc, RetentionProperties properties) {
        return new MessageRetention(jdbc, properties.batch(), properties.passBudget());
    }

    @Bean
    MediaSweep mediaSweep(JdbcClient jdbc, MediaStore store, RetentionProperties properties) {
        return new MediaSweep(jdbc, store, properties.mediaGrace(), java.time.Clock.systemUTC());
    }

    @Bean
    RetentionSchedule retentionSchedule(MessageRetention retention, MediaSweep media, RetentionProperties properties) {
        return new RetentionSchedule(retention, media, properties);
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
    GenerationProvider generationProvider(ProviderProperties provider, LocalSettings settings, JobTransitions jobs,
                                          WorkerIdentity worker, ObjectMapper json,
                                          WorkerReplicateProperties replicateSettings,
                                          @Value("${reelsmith.public-base-url:}") String publicBaseUrl,
                                          MediaLinkSigner signer, MeterRegistry meters,
                                          ObjectProvider<Tracer> tracer) {
        return new MeteredProvider(switch (provider.name()) {
            case "local" -> new LocalGeneration(new LocalImageGenerator(settings), new LocalVideoGenerator(settings,
                    LocalFaults.from(provider.localFaultsFile())));
            case "replicate" -> {
                if (!replicateSettings.hasToken()) {
                    throw new IllegalStateException("PROVIDER=replicate needs REPLICATE_API_TOKEN");
                }
                var replicate = new ReplicateSettings(replicateSettings.baseUrl(), replicateSettings.apiToken(),
                        Duration.ofSeconds(30), 0);
                var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                var guarded = new GuardedReplicate(new ReplicateClient(replicate, http),
                        replicateSettings.createsPerMinute(), Duration.ofSeconds(30));
                // breaker state per model: resilience4j_circuitbreaker_state{name=<model>,state=...}
                TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(guarded.breakers()).bindTo(meters);
                yield new ReplicateGeneration(guarded,
                        new OutputDownloader(http, replicate.maxOutputBytes(), Duration.ofMinutes(2)),
                        ReplicateModels.defaults(), jobs, worker, publicBaseUrl, replicateSettings.pollInterval(), json,
                        new InputUrls(signer, publicBaseUrl, Duration.ofHours(1), java.time.Clock.systemUTC()));
            }
            default -> throw new IllegalStateException("PROVIDER must be local or replicate, was " + provider.name());
        }, provider.name(), meters, tracer.getIfAvailable(() -> Tracer.NOOP));
    }
}
