package com.reelsmith.gateway;

import com.reelsmith.testing.TestBroker;
import com.reelsmith.testing.TestDatabase;
import com.reelsmith.testing.TestEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a gateway under test at a database, a broker prefix and a media directory of its own. */
final class GatewayEnvironment {

    /** The ADMIN_API_KEY every gateway under test is started with. */
    static final String ADMIN_KEY = "rs-test-admin-key-0123456789";

    private GatewayEnvironment() {
    }

    static void wire(DynamicPropertyRegistry registry, TestDatabase db, TestBroker broker, Path mediaDir) {
        TestEnvironment.wire(registry, db, broker);
        registry.add("reelsmith.media.dir", mediaDir::toString);
        registry.add("reelsmith.auth.admin-api-key", () -> ADMIN_KEY);
        // several gateway contexts live in one test JVM beside other people's tests on one
        // PostgreSQL: hold one idle connection each, not the pool's full ten
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
    }

    /** A temporary directory, deleted with its contents when the JVM exits. */
    static Path mediaDir() {
        try {
            Path dir = Files.createTempDirectory("reelsmith-gateway-test-media");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plain JDBC on the test's database, beside the application: to look at or damage rows. */
    static long queryLong(TestDatabase db, String sql, Object... params) {
        try (var connection = DriverManager.getConnection(db.url(), db.user(), db.password());
             var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static String queryString(TestDatabase db, String sql, Object... params) {
        try (var connection = DriverManager.getConnection(db.url(), db.user(), db.password());
             var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            try (var rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    static int update(TestDatabase db, String sql, Object... params) {
        try (var connection = DriverManager.getConnection(db.url(), db.user(), db.password());
             var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit
        }
    }
}
