package com.reelsmith.standalone;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The one folder a standalone Reelsmith keeps everything in (database, broker store, media,
 * the generated admin key). Held with an OS file lock for as long as the process runs, so a
 * second instance on the same folder cannot corrupt the first's database.
 */
final class DataFolder implements AutoCloseable {

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private DataFolder(Path root, FileChannel lockChannel, FileLock lock) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    static DataFolder open(Path root) throws IOException {
        Files.createDirectories(root);
        FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new AlreadyRunning(root);
        }
        return new DataFolder(root, channel, lock);
    }

    Path root() {
        return root;
    }

    Path resolve(String name) {
        return root.resolve(name);
    }

    boolean isFirstStart() {
        return !Files.exists(root.resolve("postgres"));
    }

    String readOrCreate(String name, java.util.function.Supplier<String> create) throws IOException {
        Path file = root.resolve(name);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        }
        String value = create.get();
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
        file.toFile().setReadable(false, false);
        file.toFile().setReadable(true, true);
        return value;
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }

    /** Another process holds the folder. */
    static final class AlreadyRunning extends IllegalStateException {
        AlreadyRunning(Path root) {
            super("another Reelsmith is already running on the data folder " + root.toAbsolutePath()
                    + "; stop it first, or give this one its own folder with REELSMITH_DATA");
        }
    }
}
