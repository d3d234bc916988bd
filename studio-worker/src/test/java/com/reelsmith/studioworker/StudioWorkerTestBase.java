package com.reelsmith.studioworker;

import com.reelsmith.model.PlanStoryboardCommand;
import com.reelsmith.model.StoryboardJobInput;
import com.reelsmith.platform.messaging.Outbox;
import com.reelsmith.platform.storyboards.Brief;
import com.reelsmith.platform.storyboards.Briefs;
import com.reelsmith.testing.Fixtures;
import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import com.reelsmith.testing.TestEnvironment;
import java.nio.file.Files;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/** The studio worker as it runs, on the real PostgreSQL and RabbitMQ; briefs and jobs written as the gateway writes them. */
@SpringBootTest(classes = StudioWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
abstract class StudioWorkerTestBase {

    static final TestDatabase db = TestDatabase.createMigrated();
    static final TestBroker broker = TestBroker.withFreshPrefix();
    static final Fixtures fixtures = new Fixtures(db);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        TestEnvironment.wire(registry, db, broker);
        registry.add("reelsmith.media.dir", Files.createTempDirectory("studio-worker-media")::toString);
        registry.add("reelsmith.worker.lease", () -> "3s");
        registry.add("reelsmith.worker.retry-base", () -> "100ms");
        registry.add("reelsmith.worker.sweep-interval", () -> "200ms");
    }

    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    Briefs briefs;
    @Autowired
    ObjectMapper json;

    Fixtures.Tenant tenant;

    @BeforeEach
    void freshTenant() {
        tenant = fixtures.tenant();
    }

    /** What the gateway does for POST /campaigns/{id}/briefs: the brief, its planning job and the job's command. */
    UUID submitBrief(String text, String product, String platform, int durationS, String ratio, String cta) {
        UUID briefId = UUID.randomUUID();
        var brief = new Brief(briefId, tenant.clientId(), tenant.campaignId(), text, product, null, null, cta, platform,
                durationS, ratio, null, List.of());
        UUID jobId = submitJob(StoryboardJobInput.plan(briefId));
        transaction.executeWithoutResult(s -> briefs.insert(brief, List.of(), jobId, null));
        return jobId;
    }

    UUID submitJob(StoryboardJobInput input) {
        UUID jobId = fixtures.queuedJob(tenant, "storyboard", json.writeValueAsString(input));
        UUID correlationId = (UUID) fixtures.value("select correlation_id from jobs where id = '" + jobId + "'");
        transaction.executeWithoutResult(s -> outbox.sendCommand(PlanStoryboardCommand.of(jobId, correlationId)));
        return jobId;
    }

    Object value(String sql) {
        return fixtures.value(sql);
    }
}
