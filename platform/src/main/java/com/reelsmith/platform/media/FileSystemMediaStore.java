package com.reelsmith.platform.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Media on a filesystem (a shared volume when services run on several hosts), at
 * {@code ab/cd/<sha256>.<ext>}. Writes go to a temp file and are moved into place, so a reader
 * never sees half a file and two writers of the same bytes cannot corrupt each other.
 */
public class FileSystemMediaStore implements MediaStore {

    private final Path root;

    public FileSystemMediaStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public StoredMedia put(byte[] bytes, String contentType) {
        String sha256 = sha256(bytes);
        String key = sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256 + MediaTypes.extensionOf(contentType);
        Path target = resolve(key);
        try {
            if (!Files.exists(target)) {
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

    @Override
    public Resource get(String key) {
        return new FileSystemResource(resolve(key));
    }

    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("media key escapes the store: " + key);
        }
        return path;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
