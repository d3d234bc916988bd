package com.reelsmith.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A real PostgreSQL server (binaries from Maven Central) whose data directory is under the
 * data folder, so jobs and media metadata survive a restart. Same SQL as production.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dataDirectory, int port) throws IOException {
        return new EmbeddedDatabase(EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .start());
    }

    /**
     * A server for one test run: its data directory is a fresh temporary one, removed when it is
     * closed (or at the JVM's exit, by the library's own shutdown hook).
     */
    public static EmbeddedDatabase startThrowaway(int port) throws IOException {
        return new EmbeddedDatabase(EmbeddedPostgres.builder()
                .setPort(port)
                .start());
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "reelsmith");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
