package com.reelsmith.platform.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemMediaStoreTest {

    @TempDir
    Path dir;

    @Test
    void storedBytesComeBackUnderAContentAddressedKey() throws Exception {
        var store = new FileSystemMediaStore(dir);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3};

        StoredMedia stored = store.put(png, MediaTypes.PNG);

        assertThat(stored.key()).endsWith(stored.sha256() + ".png").startsWith(stored.sha256().substring(0, 2) + "/");
        assertThat(stored.bytes()).isEqualTo(png.length);
        assertThat(store.get(stored.key()).getContentAsByteArray()).isEqualTo(png);
    }

    @Test
    void storingTheSameBytesTwiceKeepsOneFile() throws Exception {
        var store = new FileSystemMediaStore(dir);
        byte[] bytes = "same bytes".getBytes();

        var first = store.put(bytes, MediaTypes.JPEG);
        var second = store.put(bytes, MediaTypes.JPEG);

        assertThat(second.key()).isEqualTo(first.key());
        try (var files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
    }

    @Test
    void aKeyCannotReachOutsideTheStore() {
        var store = new FileSystemMediaStore(dir);

        assertThatThrownBy(() -> store.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typesAreToldFromTheBytes() {
        assertThat(MediaTypes.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0})).contains(MediaTypes.JPEG);
        assertThat(MediaTypes.sniff("GIF89a".getBytes())).contains(MediaTypes.GIF);
        assertThat(MediaTypes.sniff("RIFF0000WEBPVP8 ".getBytes())).contains(MediaTypes.WEBP);
        assertThat(MediaTypes.sniff("\0\0\0\u0018ftypmp42".getBytes())).contains(MediaTypes.MP4);
        assertThat(MediaTypes.sniff("%PDF-1.7".getBytes())).isEmpty();
    }
}
