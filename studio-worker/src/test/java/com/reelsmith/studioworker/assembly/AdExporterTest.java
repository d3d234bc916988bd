package com.reelsmith.studioworker.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.reelsmith.studioworker.music.AudioDirection;
import com.reelsmith.studioworker.music.LocalMusicBed;
import com.reelsmith.testing.RequiresBundledFfmpeg;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports of a real assembled ad, checked with the system's ffprobe and decoded to the end by its ffmpeg. */
@Tag("no-broker")
@RequiresBundledFfmpeg("assembles an ad and exports it")
class AdExporterTest {

    @TempDir
    static Path dir;
    static Path ad;

    @BeforeAll
    static void anAssembledAd() throws Exception {
        Path a = TestClips.clip(dir, "a red sneaker on a white plinth", "16:9", 2);
        Path b = TestClips.clip(dir, "a runner on a wet street at dawn", "16:9", 2);
        Path music = new LocalMusicBed().compose(AudioDirection.from("calm acoustic", null), 3, dir);
        ad = new AdAssembler().assemble(new AdCut(List.of(new AdScene(a, 1.5, "Light"), new AdScene(b, 1.5, "Fast")),
                "16:9", AdLook.plain(), "Shop now", music, 0.3), dir.resolve("ad.mp4")).file();
    }

    @Test
    void webm720pIsVp9WithOpusAt1280x720AndDecodesToTheEnd() throws Exception {
        SystemFfmpeg.assumeInstalled();

        ExportedFile webm = new AdExporter().export(ad, ExportFormat.WEBM, 720, null, dir.resolve("ad-720.webm"));

        assertThat(webm.contentType()).isEqualTo("video/webm");
        assertThat(webm.width()).isEqualTo(1280);
        assertThat(webm.height()).isEqualTo(720);
        Map<String, String> probe = SystemFfmpeg.probe(webm.file());
        assertThat(probe).containsEntry("video.codec_name", "vp9").containsEntry("video.width", "1280")
                .containsEntry("video.height", "720").containsEntry("audio.codec_name", "opus");
        assertThat(Double.parseDouble(probe.get("format.duration"))).isCloseTo(3.0, within(0.1));
        assertThat(SystemFfmpeg.decodeErrors(webm.file())).isEmpty();
    }

    @Test
    void mov480pIsH264WithAacInQuickTimeAt854x480AndDecodesToTheEnd() throws Exception {
        SystemFfmpeg.assumeInstalled();

        ExportedFile mov = new AdExporter().export(ad, ExportFormat.MOV, 480, null, dir.resolve("ad-480.mov"));

        assertThat(mov.contentType()).isEqualTo("video/quicktime");
        Map<String, String> probe = SystemFfmpeg.probe(mov.file());
        assertThat(probe).containsEntry("video.codec_name", "h264").containsEntry("video.width", "854")
                .containsEntry("video.height", "480").containsEntry("audio.codec_name", "aac");
        assertThat(probe.get("format.format_name")).contains("mov");
        assertThat(mov.durationS()).isCloseTo(3.0, within(0.1));
        assertThat(SystemFfmpeg.decodeErrors(mov.file())).isEmpty();
    }

    @Test
    void anotherAspectRatioIsACentreCropAtTheAskedShortSide() throws Exception {
        SystemFfmpeg.assumeInstalled();

        ExportedFile tall = new AdExporter().export(ad, ExportFormat.MP4, 480, "9:16", dir.resolve("ad-tall.mp4"));

        Map<String, String> probe = SystemFfmpeg.probe(tall.file());
        assertThat(probe).containsEntry("video.codec_name", "h264").containsEntry("video.width", "480")
                .containsEntry("video.height", "854");
        assertThat(tall.contentType()).isEqualTo("video/mp4");
        assertThat(SystemFfmpeg.decodeErrors(tall.file())).isEmpty();
    }

    @Test
    void anUnknownResolutionOrRatioIsRefused() {
        assertThatThrownBy(() -> new AdExporter().export(ad, ExportFormat.MP4, 360, null, dir.resolve("x.mp4")))
                .isInstanceOf(AssemblyException.class).hasMessageContaining("480, 720, 1080");
        assertThatThrownBy(() -> new AdExporter().export(ad, ExportFormat.MP4, 720, "3:2", dir.resolve("y.mp4")))
                .isInstanceOf(AssemblyException.class).hasMessageContaining("aspect ratio must be one of");
    }
}
