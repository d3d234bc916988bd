package com.reelsmith.studioworker.music;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("no-broker")
class LocalMusicBedTest {

    @TempDir
    Path dir;

    private final LocalMusicBed bed = new LocalMusicBed();

    @Test
    void aBedIsAStereoWavOfTheAskedLengthAndClearlyAudible() throws Exception {
        Path wav = bed.compose(AudioDirection.from("upbeat electronic, 120 bpm", null), 8, dir);

        byte[] bytes = Files.readAllBytes(wav);
        assertThat(new String(bytes, 0, 4)).isEqualTo("RIFF");
        assertThat(new String(bytes, 8, 4)).isEqualTo("WAVE");
        short[] samples = samples(bytes);
        assertThat(samples.length / 2.0 / LocalMusicBed.RATE).isEqualTo(8.0);
        assertThat(rmsDb(samples)).isGreaterThan(-25.0);
        assertThat(peak(samples)).isLessThan(32_000); // headroom, never clipped
    }

    @Test
    void theSameDirectionAndLengthGiveTheSameBytes() throws Exception {
        var direction = AudioDirection.from("dramatic cinematic", "serious");

        byte[] once = Files.readAllBytes(bed.compose(direction, 5, dir));
        byte[] again = Files.readAllBytes(bed.compose(direction, 5, dir));

        assertThat(once).isEqualTo(again);
    }

    @Test
    void moodsSoundDifferentAndUpbeatIsBrighterThanCalm() throws Exception {
        short[] upbeat = samples(Files.readAllBytes(bed.compose(AudioDirection.from("upbeat pop", null), 6, dir)));
        short[] calm = samples(Files.readAllBytes(bed.compose(AudioDirection.from("calm piano", null), 6, dir)));
        short[] dramatic = samples(Files.readAllBytes(bed.compose(AudioDirection.from("dark epic", null), 6, dir)));

        assertThat(Math.abs(correlation(upbeat, calm))).isLessThan(0.5);
        assertThat(Math.abs(correlation(upbeat, dramatic))).isLessThan(0.5);
        assertThat(Math.abs(correlation(calm, dramatic))).isLessThan(0.5);
        // brightness: the share of energy in sample-to-sample change (high frequencies)
        assertThat(brightness(upbeat)).isGreaterThan(brightness(calm) * 1.5);
    }

    static short[] samples(byte[] wav) {
        ByteBuffer data = ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN);
        short[] samples = new short[(wav.length - 44) / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = data.getShort();
        }
        return samples;
    }

    static double rmsDb(short[] s) {
        double sum = 0;
        for (short v : s) {
            sum += (double) v * v;
        }
        return 20 * Math.log10(Math.sqrt(sum / s.length) / 32768.0);
    }

    static int peak(short[] s) {
        int peak = 0;
        for (short v : s) {
            peak = Math.max(peak, Math.abs(v));
        }
        return peak;
    }

    static double correlation(short[] a, short[] b) {
        int n = Math.min(a.length, b.length);
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < n; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    static double brightness(short[] s) {
        double change = 0;
        double level = 0;
        for (int i = 2; i < s.length; i += 2) { // left channel
            double d = s[i] - s[i - 2];
            change += d * d;
            level += (double) s[i] * s[i];
        }
        return change / level;
    }
}
