package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A first start on a database nobody has migrated: the gateway brings the schema itself. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class EmptyDatabaseStartupTest {

    static final TestDatabase EMPTY = emptyDatabase();
    static final TestBroker BROKER = TestBroker.withFreshPrefix();
    static final Path MEDIA = GatewayEnvironment.mediaDir();

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        GatewayEnvironment.wire(registry, EMPTY, BROKER, MEDIA);
    }

    @LocalServerPort
    int port;

    /** Detailed health is on the management port (MANAGEMENT_PORT), not the API port. */
    @Value("${local.management.port}")
    int managementPort;

    @Test
    void gatewayMigratesAnEmptyDatabaseAtStartUp() {
        // given a database that had no tables before the gateway started (checked in emptyDatabase())
        // then Flyway's history records a successful migration
        assertThat(count("select count(*) from flyway_schema_history where success and version = '1'")).isEqualTo(1);
        assertThat(count("select count(*) from flyway_schema_history where not success")).isZero();
        // and the foundation's tables exist
        for (String table : new String[] {"clients", "api_keys", "campaigns", "assets", "jobs", "outbox"}) {
            assertThat(count("select count(*) from information_schema.tables where table_schema = 'public' "
                    + "and table_name = ?", table)).as(table).isEqualTo(1);
        }
        // and the API works on it
        var client = new GatewayClient(port).as(GatewayEnvironment.ADMIN_KEY)
                .post("/api/v2/clients", Map.of("name", "first client"));
        assertThat(client.status()).as("%s", client).isEqualTo(201);
    }

    @Test
    void healthIsUpWithDatabaseAndBroker() {
        var health = new GatewayClient(managementPort).get("/actuator/health");

        assertThat(health.status()).as("%s", health).isEqualTo(200);
        var body = health.json();
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").path("rabbit").path("status").asString()).isEqualTo("UP");
    }

    private static long count(String sql, Object... params) {
        return GatewayEnvironment.queryLong(EMPTY, sql, params);
    }

    private static TestDatabase emptyDatabase() {
        TestDatabase db = TestDatabase.createEmpty();
        long tables = GatewayEnvironment.queryLong(db,
                "select count(*) from information_schema.tables where table_schema = 'public'");
        if (tables != 0) {
            throw new IllegalStateException("expected an empty database, found " + tables + " tables");
        }
        return db;
    }
}
