package com.reelsmith.platform.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Media on a filesystem (a shared volume when services run on several hosts), at
 * {@code ab/cd/<sha256>.<ext>}. Writes go to a temp file and are moved into place, so a reader
 * never sees half a file and two writers of the same bytes cannot corrupt each other.
 */
public class FileSystemMediaStore implements MediaStore {

    private static final Pattern SHARD = Pattern.compile("[0-9a-f]{2}");
    private static final Pattern TEMP_NAME = Pattern.compile("\\.incoming-[0-9]+\\.tmp");

    private final Path root;

    public FileSystemMediaStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public StoredMedia put(byte[] bytes, String contentType) {
        String sha256 = ContentKeys.sha256(bytes);
        String key = ContentKeys.keyOf(sha256, contentType);
        Path target = resolve(key);
        try {
            if (!refreshed(target)) {
                Files.createDirectories(target.getParent());
                Path temp = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
                Files.write(temp, bytes);
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    Files.deleteIfExists(temp);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store media under " + root, e);
        }
        return new StoredMedia(key, sha256, bytes.length);
    }

    /**
     * The bytes are there already and about to be referenced again: their fresh time tells the
     * workers' media sweep they are no orphan. False when there is no such file (any more).
     */
    private static boolean refreshed(Path target) throws IOException {
        try {
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public Resource get(String key) {
        return new FileSystemResource(resolve(key));
    }

    @Override
    public boolean delete(String key) {
        try {
            return Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete media " + key, e);
        }
    }

    /** The folder the store keeps its files in (for the workers' sweep of leftovers). */
    public Path root() {
        return root;
    }

    /** The key a file of the store is kept under; empty for anything else found in its folder. */
    public Optional<String> keyOf(Path file) {
        Path relative = root.relativize(file.toAbsolutePath().normalize());
        String key = relative.toString().replace(java.io.File.separatorChar, '/');
        return ContentKeys.isStoredKey(key) ? Optional.of(key) : Optional.empty();
    }

    /** A temp file of a write that never finished (the process died between write and move). */
    public boolean isUnfinishedWrite(Path file) {
        Path relative = root.relativize(file.toAbsolutePath().normalize());
        return relative.getNameCount() == 3 && TEMP_NAME.matcher(relative.getFileName().toString()).matches()
                && SHARD.matcher(relative.getName(0).toString()).matches()
                && SHARD.matcher(relative.getName(1).toString()).matches();
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("media key escapes the store: " + key);
        }
        return path;
    }
}
