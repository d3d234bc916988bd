package com.reelsmith.platform.media;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The media store contract on the filesystem store. */
class FileSystemMediaStoreContractTest extends MediaStoreContract {

    @TempDir
    Path dir;

    @Override
    MediaStore newStore() {
        return new FileSystemMediaStore(dir);
    }

    @Override
    List<String> storedKeys() throws Exception {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString().replace('\\', '/')).toList();
        }
    }
}
