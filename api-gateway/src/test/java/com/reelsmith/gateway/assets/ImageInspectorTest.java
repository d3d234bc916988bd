package com.reelsmith.gateway.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.reelsmith.gateway.system.ApiException;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** What checking an upload costs is bounded by us, not by what the file claims to be. */
class ImageInspectorTest {

    @Test
    void checkingALargeButAcceptedPngAllocatesLittleWhateverItsPixelCount() {
        // 36 megapixels of black: about 100 KB on the wire, 108 MB once decoded in full
        byte[] png = CraftedImages.blackPng(6000, 6000);
        assertThat(png.length).isLessThan(200_000);

        long before = allocatedByThisThread();
        var inspected = ImageInspector.inspect(png);
        long allocated = allocatedByThisThread() - before;

        assertThat(inspected.width()).isEqualTo(6000);
        assertThat(inspected.height()).isEqualTo(6000);
        assertThat(allocated).as("bytes allocated to check a 36 MP PNG").isLessThan(32L * 1024 * 1024);
    }

    @Test
    void aSmallPngWhoseMetadataInflatesToHundredsOfMegabytesIsCheckedWithoutReadingIt() {
        byte[] png = CraftedImages.pngWithTextBomb(200 * 1024 * 1024);
        assertThat(png.length).isLessThan(400_000);

        long before = allocatedByThisThread();
        var inspected = ImageInspector.inspect(png);
        long allocated = allocatedByThisThread() - before;

        assertThat(inspected.width()).isEqualTo(1);
        assertThat(allocated).as("bytes allocated to check a 1x1 PNG with a text bomb").isLessThan(32L * 1024 * 1024);
    }

    @Test
    void aPngOverTheAdAssetPixelCapIsRefused() {
        byte[] png = CraftedImages.blackPng(7000, 7000); // 49 MP: under the old 50 MP cap

        assertThatThrownBy(() -> ImageInspector.inspect(png)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.field()).isEqualTo("file");
            assertThat(e.getMessage()).contains("7000x7000").contains("megapixels");
        });
    }

    @Test
    void aWebpIsMeasuredFromItsHeader() {
        assertThat(ImageInspector.inspect(CraftedImages.webpVp8x(640, 360)))
                .isEqualTo(new ImageInspector.Inspected("image/webp", 640, 360));
        assertThat(ImageInspector.inspect(CraftedImages.webpVp8l(64, 32)))
                .isEqualTo(new ImageInspector.Inspected("image/webp", 64, 32));
        assertThat(ImageInspector.inspect(CraftedImages.webpVp8(300, 200)))
                .isEqualTo(new ImageInspector.Inspected("image/webp", 300, 200));
    }

    @Test
    void aWebpClaimingTooManyPixelsOrNoReadableSizeIsRefused() {
        assertThatThrownBy(() -> ImageInspector.inspect(CraftedImages.webpVp8x(16000, 16000)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("16000x16000"));
        assertThatThrownBy(() -> ImageInspector.inspect(CraftedImages.webpUnknownChunk()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.field()).isEqualTo("file"));
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void whenEveryDecodeSlotIsTakenAnUploadIsToldToComeBackRatherThanQueuedWithoutBound() throws Exception {
        int slots = ImageInspector.DECODES.availablePermits();
        ImageInspector.DECODES.acquire(slots);
        try {
            assertThatThrownBy(() -> ImageInspector.inspect(CraftedImages.blackPng(64, 64)))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(503);
                        assertThat(e.code()).isEqualTo("uploads_busy");
                        assertThat(e.headers()).containsEntry("Retry-After", "2");
                    });
        } finally {
            ImageInspector.DECODES.release(slots);
        }
        assertThat(ImageInspector.inspect(CraftedImages.blackPng(64, 64)).width()).as("a free slot decodes again").isEqualTo(64);
    }
}
