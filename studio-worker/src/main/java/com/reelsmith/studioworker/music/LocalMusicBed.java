package com.reelsmith.studioworker.music;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * The offline music bed: a four-chord loop with pad, bass, an arpeggio and drums, synthesised
 * sample by sample from the direction's tempo and mood, written as a 16-bit stereo WAV.
 * Royalty-free by construction, and deterministic: the same direction and length give the same bytes
 * (all noise comes from a generator seeded by them).
 *
 * <p>What the mood changes: the key's quality (dramatic is minor), the progression, how busy the
 * bass and drums are (calm has no kick, upbeat a four-on-the-floor) and the brightness (how many
 * harmonics the pad and arpeggio carry).
 */
public final class LocalMusicBed implements MusicBed {

    static final int RATE = 44_100;
    private static final double PEAK = 0.7; // -3 dBFS, headroom for the AAC encoder and loudnorm

    @Override
    public Path compose(AudioDirection direction, double durationS, Path workDir) {
        if (!(durationS > 0 && durationS <= 600)) {
            throw new IllegalArgumentException("a music bed lasts up to 10 minutes, not " + durationS + " s");
        }
        Style style = Style.of(direction);
        float[][] mix = render(style, direction, durationS);
        try {
            Files.createDirectories(workDir);
            Path wav = Files.createTempFile(workDir, "music-" + direction.mood() + "-", ".wav");
            writeWav(mix, wav);
            return wav;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the music bed in " + workDir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "local";
    }

    /** The musical choices a mood makes. */
    record Style(int[] progression, boolean[] minorChord, int rootMidi, int kickEvery16th, int bassEvery16th,
            int hatEvery16th, boolean snare, int arpEvery16th, double brightness) {

        static Style of(AudioDirection d) {
            return switch (d.mood()) {
                case "upbeat" -> new Style(new int[] {0, 7, 9, 5}, new boolean[] {false, false, true, false}, 45,
                        4, 2, 2, true, 2, 0.9);
                case "calm" -> new Style(new int[] {0, 5, 9, 7}, new boolean[] {false, false, true, false}, 43,
                        0, 8, 4, false, 4, 0.35);
                case "dramatic" -> new Style(new int[] {0, 8, 3, 10}, new boolean[] {true, false, false, false}, 40,
                        8, 4, 4, true, 4, 0.5);
                case "playful" -> new Style(new int[] {0, 5, 7, 5}, new boolean[] {false, false, false, false}, 48,
                        8, 4, 2, true, 2, 0.8);
                default -> new Style(new int[] {0, 9, 5, 7}, new boolean[] {false, true, false, false}, 43,
                        8, 4, 2, true, 4, 0.6);
            };
        }
    }

    static float[][] render(Style style, AudioDirection direction, double durationS) {
        int samples = (int) Math.round(durationS * RATE);
        float[] left = new float[samples];
        float[] right = new float[samples];
        Random noise = new Random(31L * direction.hashCode() + Double.hashCode(durationS));
        double sixteenth = 60.0 / direction.tempoBpm() / 4;
        int steps = (int) Math.ceil(durationS / sixteenth);
        for (int step = 0; step < steps; step++) {
            int start = (int) Math.round(step * sixteenth * RATE);
            int bar = step / 16;
            int inBar = step % 16;
            int chordRoot = style.rootMidi() + style.progression()[bar % 4];
            int[] chord = triad(chordRoot, style.minorChord()[bar % 4]);
            double barS = sixteenth * 16;
            if (inBar == 0) {
                for (int i = 0; i < chord.length; i++) {
                    pad(left, right, start, barS, freq(chord[i] + 12), style.brightness(), i);
                }
            }
            if (style.bassEvery16th() > 0 && inBar % style.bassEvery16th() == 0) {
                int note = chordRoot - 12 + (style.bassEvery16th() <= 2 && inBar % 8 == 4 ? 12 : 0);
                pluck(left, right, start, sixteenth * style.bassEvery16th() * 0.9, freq(note), 0.32, 2, 0.0);
            }
            if (style.arpEvery16th() > 0 && inBar % style.arpEvery16th() == 0) {
                int note = chord[(inBar / style.arpEvery16th()) % 3] + 24 + (bar % 2 == 1 && inBar >= 8 ? 12 : 0);
                double pan = ((inBar / style.arpEvery16th()) % 2 == 0) ? -0.3 : 0.3;
                pluck(left, right, start, sixteenth * 2.5, freq(note), 0.1 * (0.5 + style.brightness()),
                        1 + (int) Math.round(style.brightness() * 5), pan);
            }
            if (style.kickEvery16th() > 0 && inBar % style.kickEvery16th() == 0) {
                kick(left, right, start, 0.55);
            }
            if (style.snare() && (inBar == 4 || inBar == 12)) {
                snare(left, right, start, noise, 0.22);
            }
            if (style.hatEvery16th() > 0 && inBar % style.hatEvery16th() == 0) {
                double accent = inBar % 4 == 2 ? 1.0 : 0.6;
                hat(left, right, start, noise, 0.07 * accent * (0.4 + style.brightness()));
            }
        }
        master(left, right);
        return new float[][] {left, right};
    }

    private static int[] triad(int root, boolean minor) {
        return new int[] {root, root + (minor ? 3 : 4), root + 7};
    }

    static double freq(int midi) {
        return 440.0 * Math.pow(2, (midi - 69) / 12.0);
    }

    /** A soft band-limited saw, slightly detuned left and right, swelling in and out over the bar. */
    private static void pad(float[] l, float[] r, int start, double lengthS, double f, double brightness, int voice) {
        int n = (int) (lengthS * RATE * 1.05);
        int harmonics = 2 + (int) Math.round(brightness * 6);
        double gain = 0.06;
        for (int i = 0; i < n && start + i < l.length; i++) {
            double t = (double) i / RATE;
            double env = Math.min(1, t / 0.25) * Math.min(1, (lengthS * 1.05 - t) / 0.3);
            double sl = 0;
            double sr = 0;
            for (int h = 1; h <= harmonics; h++) {
                sl += Math.sin(2 * Math.PI * f * 1.003 * h * t + voice) / h;
                sr += Math.sin(2 * Math.PI * f * 0.997 * h * t + voice * 2) / h;
            }
            l[start + i] += (float) (gain * env * sl);
            r[start + i] += (float) (gain * env * sr);
        }
    }

    /** A decaying tone with a few harmonics: bass notes and arpeggio notes. */
    private static void pluck(float[] l, float[] r, int start, double lengthS, double f, double gain, int harmonics,
            double pan) {
        int n = (int) (lengthS * RATE);
        for (int i = 0; i < n && start + i < l.length; i++) {
            double t = (double) i / RATE;
            double env = Math.min(1, t / 0.005) * Math.exp(-t * 3.0 / lengthS);
            double s = 0;
            for (int h = 1; h <= harmonics; h++) {
                s += Math.sin(2 * Math.PI * f * h * t) / (h * h);
            }
            double v = gain * env * s;
            l[start + i] += (float) (v * (1 - pan) );
            r[start + i] += (float) (v * (1 + pan));
        }
    }

    private static void kick(float[] l, float[] r, int start, double gain) {
        int n = (int) (0.3 * RATE);
        double phase = 0;
        for (int i = 0; i < n && start + i < l.length; i++) {
            double t = (double) i / RATE;
            double f = 45 + 90 * Math.exp(-t * 30);
            phase += 2 * Math.PI * f / RATE;
            double v = gain * Math.exp(-t * 11) * Math.sin(phase);
            l[start + i] += (float) v;
            r[start + i] += (float) v;
        }
    }

    private static void snare(float[] l, float[] r, int start, Random noise, double gain) {
        int n = (int) (0.18 * RATE);
        for (int i = 0; i < n && start + i < l.length; i++) {
            double t = (double) i / RATE;
            double v = gain * (Math.exp(-t * 22) * (noise.nextDouble() * 2 - 1) + 0.5 * Math.exp(-t * 30)
                    * Math.sin(2 * Math.PI * 185 * t));
            l[start + i] += (float) v;
            r[start + i] += (float) v;
        }
    }

    /** White noise differenced (a crude high-pass) with a very short decay. */
    private static void hat(float[] l, float[] r, int start, Random noise, double gain) {
        int n = (int) (0.05 * RATE);
        double previous = 0;
        for (int i = 0; i < n && start + i < l.length; i++) {
            double t = (double) i / RATE;
            double white = noise.nextDouble() * 2 - 1;
            double v = gain * Math.exp(-t * 70) * (white - previous);
            previous = white;
            l[start + i] += (float) (v * 0.8);
            r[start + i] += (float) (v * 1.2);
        }
    }

    /** Soft-clips, scales to the peak and fades the very ends so a loop point never clicks. */
    private static void master(float[] l, float[] r) {
        double max = 1e-9;
        for (int i = 0; i < l.length; i++) {
            l[i] = (float) Math.tanh(l[i] * 1.2);
            r[i] = (float) Math.tanh(r[i] * 1.2);
            max = Math.max(max, Math.max(Math.abs(l[i]), Math.abs(r[i])));
        }
        double scale = PEAK / max;
        int fade = Math.min(l.length / 4, (int) (0.05 * RATE));
        for (int i = 0; i < l.length; i++) {
            double edge = Math.min(1, Math.min(i, l.length - 1 - i) / (double) Math.max(1, fade));
            l[i] = (float) (l[i] * scale * edge);
            r[i] = (float) (r[i] * scale * edge);
        }
    }

    private static void writeWav(float[][] channels, Path wav) throws IOException {
        int frames = channels[0].length;
        int dataBytes = frames * 2 * 2;
        ByteBuffer out = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes)
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) 2).putInt(RATE).putInt(RATE * 4).putShort((short) 4).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        for (int i = 0; i < frames; i++) {
            out.putShort(pcm(channels[0][i]));
            out.putShort(pcm(channels[1][i]));
        }
        try (OutputStream file = Files.newOutputStream(wav)) {
            file.write(out.array());
        }
    }

    private static short pcm(float v) {
        return (short) Math.round(Math.max(-1, Math.min(1, v)) * 32767);
    }
}
