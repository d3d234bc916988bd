package com.reelsmith.platform.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the stores share beyond the contract (MediaStoreContract): telling a type from the bytes. */
class FileSystemMediaStoreTest {

    @Test
    void typesAreToldFromTheBytes() {
        assertThat(MediaTypes.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0})).contains(MediaTypes.JPEG);
        assertThat(MediaTypes.sniff("GIF89a".getBytes())).contains(MediaTypes.GIF);
        assertThat(MediaTypes.sniff("RIFF0000WEBPVP8 ".getBytes())).contains(MediaTypes.WEBP);
        assertThat(MediaTypes.sniff("\0\0\0\u0018ftypmp42".getBytes())).contains(MediaTypes.MP4);
        assertThat(MediaTypes.sniff("%PDF-1.7".getBytes())).isEmpty();
    }
}
