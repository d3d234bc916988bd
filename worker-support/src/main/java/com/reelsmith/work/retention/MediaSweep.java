package com.reelsmith.work.retention;

import com.reelsmith.platform.media.FileSystemMediaStore;
import com.reelsmith.platform.media.MediaStore;
import com.reelsmith.platform.media.S3MediaStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Removes media nothing will ever reference: the temp file of a write that never finished (the
 * process died between writing and moving it into place), and a stored file no row references
 * (the bytes were stored, then the transaction that was to record them rolled back or the
 * worker died). Only files older than the grace period are touched: a result is recorded within
 * one attempt of being stored, far sooner, and storing bytes that are already there refreshes
 * the file's time (keys are content addressed), so a file about to be referenced again is
 * never taken for an orphan.
 * <p>
 * Which rows reference media is read from the schema: every text column named
 * {@code storage_key} or ending in {@code _storage_key}, so a table added later is covered
 * without touching this class. When no such column is visible (the wrong database or schema),
 * no stored file is removed.
 * <p>
 * In a bucket (the S3 store) the same rules hold: multipart uploads begun before the grace period
 * and never completed are aborted (the temp files of S3), and objects older than it that no row
 * references are deleted unless written again since they were listed.
 */
public class MediaSweep {

    private static final Logger log = LoggerFactory.getLogger(MediaSweep.class);
    private static final int KEYS_PER_QUERY = 500;

    public record Result(int leftoverTempFiles, int orphans, long bytes) {
    }

    private record Column(String table, String column) {
    }

    private final JdbcClient jdbc;
    private final FileSystemMediaStore store;
    private final S3MediaStore bucket;
    private final Duration grace;
    private final Clock clock;

    public MediaSweep(JdbcClient jdbc, MediaStore store, Duration grace, Clock clock) {
        this.jdbc = jdbc;
        this.store = store instanceof FileSystemMediaStore files ? files : null;
        this.bucket = store instanceof S3MediaStore s3 ? s3 : null;
        this.grace = grace;
        this.clock = clock;
    }

    public Result sweep() {
        if (bucket != null) {
            return sweepBucket();
        }
        if (store == null || !Files.isDirectory(store.root())) {
            return new Result(0, 0, 0);
        }
        Instant cutoff = clock.instant().minus(grace);
        List<Column> references = referencingColumns();
        if (references.isEmpty()) {
            log.warn("media sweep: no storage_key column is visible in this database; stored files are left alone");
        }
        int temps = 0;
        int orphans = 0;
        long bytes = 0;
        Map<String, Path> candidates = new LinkedHashMap<>();
        // shard folders, then files: ab/cd/<sha256>.<ext>
        try (Stream<Path> files = Files.walk(store.root(), 3)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (!olderThan(file, cutoff)) {
                    continue;
                }
                if (store.isUnfinishedWrite(file)) {
                    long size = deleteIfStillOlder(file, cutoff);
                    if (size >= 0) {
                        temps++;
                        bytes += size;
                    }
                } else if (!references.isEmpty()) {
                    store.keyOf(file).ifPresent(key -> candidates.put(key, file));
                    if (candidates.size() >= KEYS_PER_QUERY) {
                        long[] removed = removeUnreferenced(candidates, references, cutoff);
                        orphans += (int) removed[0];
                        bytes += removed[1];
                        candidates.clear();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk the media folder " + store.root(), e);
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e;
            }
            // a folder vanished under the walk: the next sweep sees the rest
        }
        if (!candidates.isEmpty()) {
            long[] removed = removeUnreferenced(candidates, references, cutoff);
            orphans += (int) removed[0];
            bytes += removed[1];
        }
        return new Result(temps, orphans, bytes);
    }

    private Result sweepBucket() {
        Instant cutoff = clock.instant().minus(grace);
        int aborted = bucket.abortUploadsBegunBefore(cutoff);
        List<Column> references = referencingColumns();
        if (references.isEmpty()) {
            log.warn("media sweep: no storage_key column is visible in this database; stored objects are left alone");
            return new Result(aborted, 0, 0);
        }
        int orphans = 0;
        long bytes = 0;
        Map<String, Long> candidates = new LinkedHashMap<>();
        try (Stream<S3MediaStore.StoredObject> objects = bucket.storedBefore(cutoff)) {
            for (var object : (Iterable<S3MediaStore.StoredObject>) objects::iterator) {
                candidates.put(object.key(), object.size());
                if (candidates.size() >= KEYS_PER_QUERY) {
                    long[] removed = removeUnreferencedObjects(candidates.keySet(), references, cutoff);
                    orphans += (int) removed[0];
                    bytes += removed[1];
                    candidates.clear();
                }
            }
        }
        if (!candidates.isEmpty()) {
            long[] removed = removeUnreferencedObjects(candidates.keySet(), references, cutoff);
            orphans += (int) removed[0];
            bytes += removed[1];
        }
        return new Result(aborted, orphans, bytes);
    }

    private long[] removeUnreferencedObjects(Set<String> keys, List<Column> references, Instant cutoff) {
        Set<String> referenced = referencedAmong(keys, references);
        long count = 0;
        long bytes = 0;
        for (String key : keys) {
            if (!referenced.contains(key)) {
                long size = bucket.deleteIfUnchangedSince(key, cutoff);
                if (size >= 0) {
                    log.debug("media sweep: removed {} from the bucket, which no row references", key);
                    count++;
                    bytes += size;
                }
            }
        }
        return new long[] {count, bytes};
    }

    private long[] removeUnreferenced(Map<String, Path> candidates, List<Column> references, Instant cutoff) {
        Set<String> referenced = referencedAmong(candidates.keySet(), references);
        long count = 0;
        long bytes = 0;
        for (var candidate : candidates.entrySet()) {
            if (referenced.contains(candidate.getKey())) {
                continue;
            }
            long size = deleteIfStillOlder(candidate.getValue(), cutoff);
            if (size >= 0) {
                log.debug("media sweep: removed {}, which no row references", candidate.getKey());
                count++;
                bytes += size;
            }
        }
        return new long[] {count, bytes};
    }

    private Set<String> referencedAmong(Set<String> keys, List<Column> references) {
        String sql = references.stream()
                .map(c -> "select " + quote(c.column()) + " as storage_key from " + quote(c.table())
                        + " where " + quote(c.column()) + " = any(:keys)")
                .collect(Collectors.joining(" union "));
        return new HashSet<>(jdbc.sql(sql).param("keys", keys.toArray(String[]::new)).query(String.class).list());
    }

    private List<Column> referencingColumns() {
        return jdbc.sql("""
                select c.table_name, c.column_name
                from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.data_type = 'text'
                  and (c.column_name = 'storage_key' or c.column_name like '%\\_storage\\_key')
                order by c.table_name, c.column_name
                """).query((rs, n) -> new Column(rs.getString(1), rs.getString(2))).list();
    }

    /**
     * Deletes the file unless it was touched since it was found (stored again meanwhile).
     * Returns its size, or -1 when it was kept or was already gone.
     */
    private static long deleteIfStillOlder(Path file, Instant cutoff) {
        try {
            if (!olderThan(file, cutoff)) {
                return -1;
            }
            long size = Files.size(file);
            return Files.deleteIfExists(file) ? size : -1;
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            log.warn("media sweep: cannot remove {}: {}", file, e.getMessage());
            return -1;
        }
    }

    private static boolean olderThan(Path file, Instant cutoff) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(cutoff);
        } catch (IOException e) {
            return false;
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
