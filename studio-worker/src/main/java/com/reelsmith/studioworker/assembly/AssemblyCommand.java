package com.reelsmith.studioworker.assembly;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one ffmpeg invocation that makes the ad: every clip normalised (cover-scaled to the frame,
 * 24 fps, its last frame held when it is short, cut to its frames), joined with cross-fades, the
 * text PNGs overlaid in their time windows, the end card faded in over the close, and the music
 * looped, normalised to -16 LUFS (EBU R128, what the social platforms play at) and faded.
 */
final class AssemblyCommand {

    static final int FPS = 24;
    /** Loudness target: -16 LUFS integrated, true peak under -1.5 dBTP. */
    static final String LOUDNORM = "loudnorm=I=-16:TP=-1.5:LRA=11";
    private static final double CARD_FADE_S = 0.5;

    private final List<String> inputs = new ArrayList<>();
    private final StringBuilder graph = new StringBuilder();
    private int inputCount;

    static List<String> build(List<AdScene> scenes, Timeline timeline, FrameSize frame, List<Overlay> overlays,
            Overlay endCard, Path music, Path output) {
        return new AssemblyCommand().assemble(scenes, timeline, frame, overlays, endCard, music, output);
    }

    private List<String> assemble(List<AdScene> scenes, Timeline timeline, FrameSize frame, List<Overlay> overlays,
            Overlay endCard, Path music, Path output) {
        int w = frame.width();
        int h = frame.height();
        List<String> segments = new ArrayList<>();
        for (int k = 0; k < scenes.size(); k++) {
            // reading no more than the scene needs saves decoding the rest of a long clip
            int in = input("-t", num(timeline.segmentS(k) + 0.5), "-i", scenes.get(k).clip().toAbsolutePath().toString());
            String label = "s" + k;
            chain("[%d:v]setpts=PTS-STARTPTS,fps=%d,scale=%d:%d:force_original_aspect_ratio=increase:flags=bicubic,"
                    + "crop=%d:%d,setsar=1,format=yuv420p,tpad=stop_mode=clone:stop_duration=%s,trim=end_frame=%d[%s]",
                    in, FPS, w, h, w, h, num(timeline.segmentS(k)), timeline.segmentFrames(k), label);
            segments.add(label);
        }
        String video = join(segments, timeline);
        List<String> keyframes = new ArrayList<>();
        for (int k = 1; k < scenes.size(); k++) {
            keyframes.add(num(timeline.startS(k) + timeline.transitionS() + 1.0 / FPS));
        }
        for (int k = 0; k < overlays.size(); k++) {
            Overlay overlay = overlays.get(k);
            int in = input("-i", overlay.png().toAbsolutePath().toString());
            String out = "t" + k;
            chain("[%s][%d:v]overlay=%d:%d:enable='between(t,%s,%s)'[%s]", video, in, overlay.x(), overlay.y(),
                    num(overlay.startS()), num(overlay.endS() - 0.001), out);
            video = out;
        }
        if (endCard != null) {
            double length = endCard.endS() - endCard.startS();
            int in = input("-loop", "1", "-framerate", String.valueOf(FPS), "-t", num(length), "-i",
                    endCard.png().toAbsolutePath().toString());
            chain("[%d:v]format=rgba,fade=t=in:st=0:d=%s:alpha=1,setpts=PTS-STARTPTS+%s/TB[card]", in,
                    num(Math.min(CARD_FADE_S, length / 2)), num(endCard.startS()));
            chain("[%s][card]overlay=0:0:eof_action=pass[carded]", video);
            keyframes.add(num(endCard.startS() + Math.min(CARD_FADE_S, length / 2) + 1.0 / FPS));
            video = "carded";
        }
        chain("[%s]format=yuv420p[vout]", video);
        audio(music, timeline.totalS());

        List<String> args = new ArrayList<>(inputs);
        args.addAll(List.of("-filter_complex", graph.toString(), "-map", "[vout]", "-map", "[aout]",
                "-c:v", "libopenh264", "-b:v", String.valueOf(bitrate(frame)), "-g", String.valueOf(2 * FPS),
                "-pix_fmt", "yuv420p", "-r", String.valueOf(FPS)));
        if (!keyframes.isEmpty()) {
            // OpenH264 skips the small per-frame changes of a slow fade and drifts: a faint ghost of the
            // video stays in the end card and the next scene until the next keyframe. A keyframe right
            // after each fade draws the settled picture afresh.
            args.addAll(List.of("-force_key_frames", String.join(",", keyframes)));
        }
        args.addAll(List.of(
                "-c:a", "aac", "-b:a", "160k", "-ar", "48000", "-ac", "2",
                "-movflags", "+faststart", "-t", num(timeline.totalS()), "-f", "mp4",
                output.toAbsolutePath().toString()));
        return args;
    }

    private String join(List<String> segments, Timeline timeline) {
        if (segments.size() == 1) {
            return segments.get(0);
        }
        if (timeline.transitionFrames() == 0) {
            StringBuilder all = new StringBuilder();
            segments.forEach(s -> all.append('[').append(s).append(']'));
            chain("%sconcat=n=%d:v=1:a=0[joined]", all, segments.size());
            return "joined";
        }
        String joined = segments.get(0);
        for (int k = 1; k < segments.size(); k++) {
            String out = "x" + k;
            chain("[%s][%s]xfade=transition=fade:duration=%s:offset=%s[%s]", joined, segments.get(k),
                    num(timeline.transitionS()), num(timeline.startS(k)), out);
            joined = out;
        }
        return joined;
    }

    private void audio(Path music, double totalS) {
        if (music == null) {
            chain("anullsrc=r=48000:cl=stereo,atrim=duration=%s[aout]", num(totalS));
            return;
        }
        int in = input("-stream_loop", "-1", "-i", music.toAbsolutePath().toString());
        double fadeIn = Math.min(0.5, totalS / 4);
        double fadeOut = Math.min(1.5, totalS / 4);
        // normalise first, fade after: loudnorm's dynamic mode would otherwise lift the fades back up
        chain("[%d:a]atrim=duration=%s,asetpts=N/SR/TB,%s,aresample=48000,"
                + "aformat=sample_fmts=fltp:channel_layouts=stereo,afade=t=in:d=%s,afade=t=out:st=%s:d=%s,"
                + "apad,atrim=duration=%s[aout]",
                in, num(totalS), LOUDNORM, num(fadeIn), num(totalS - fadeOut), num(fadeOut), num(totalS));
    }

    /** About 0.12 bits a pixel: 6 Mb/s at 1920x1080 and 24 fps, what the platforms recommend uploading. */
    static long bitrate(FrameSize frame) {
        return Math.round(frame.width() * (double) frame.height() * FPS * 0.12);
    }

    private int input(String... args) {
        inputs.addAll(List.of(args));
        return inputCount++;
    }

    private void chain(String format, Object... args) {
        if (!graph.isEmpty()) {
            graph.append(";");
        }
        graph.append(String.format(Locale.ROOT, format, args));
    }

    static String num(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
