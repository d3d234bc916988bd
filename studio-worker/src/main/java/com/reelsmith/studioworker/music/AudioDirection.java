package com.reelsmith.studioworker.music;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the music should be, read from a brief's free-text audio direction ("upbeat electronic,
 * 120 bpm") and its tone: the original text (a music model's prompt), a mood and a tempo.
 *
 * <p>Moods are a small fixed set so an offline synthesiser can act on them: {@code upbeat},
 * {@code calm}, {@code dramatic}, {@code corporate}, {@code playful}.
 */
public record AudioDirection(String text, String mood, int tempoBpm) {

    public static final List<String> MOODS = List.of("upbeat", "calm", "dramatic", "corporate", "playful");

    private static final Pattern BPM = Pattern.compile("(\\d{2,3})\\s*(?:bpm|beats per minute)");

    /** Words that point at a mood, checked in this order: the first mood with a hit wins. */
    private static final List<List<String>> MOOD_WORDS = List.of(
            List.of("dramatic", "epic", "dark", "tense", "cinematic", "serious", "intense", "moody", "suspense",
                    "minor", "mysterious", "bold"),
            List.of("calm", "relax", "soft", "gentle", "ambient", "chill", "lo-fi", "lofi", "warm", "acoustic",
                    "soothing", "peaceful", "serene", "mellow", "piano", "luxur", "elegant"),
            List.of("playful", "fun", "quirky", "whimsical", "kids", "cheerful", "bouncy", "silly", "cute"),
            List.of("upbeat", "energetic", "electronic", "dance", "edm", "pop", "fast", "exciting", "hype",
                    "sport", "happy", "bright", "driving", "rock"),
            List.of("corporate", "professional", "trust", "confident", "inspir", "clean", "modern", "business",
                    "motivat", "friendly"));

    private static final int[] DEFAULT_TEMPO = {96, 80, 112, 124, 104};

    public AudioDirection {
        text = text == null ? "" : text.strip();
        mood = mood == null || !MOODS.contains(mood) ? "corporate" : mood;
        tempoBpm = Math.max(60, Math.min(180, tempoBpm));
    }

    /** Never fails: no direction at all is a mid-tempo corporate bed. */
    public static AudioDirection from(String audioDirectionText, String tone) {
        String text = audioDirectionText == null ? "" : audioDirectionText;
        String words = (text + " " + (tone == null ? "" : tone)).toLowerCase(Locale.ROOT);
        int moodIndex = moodIndex(text.toLowerCase(Locale.ROOT));
        if (moodIndex < 0) {
            moodIndex = moodIndex(words);
        }
        String mood = moodIndex < 0 ? "corporate" : moodName(moodIndex);
        int tempo = moodIndex < 0 ? 104 : DEFAULT_TEMPO[moodIndex];
        Matcher bpm = BPM.matcher(words);
        if (bpm.find()) {
            tempo = Integer.parseInt(bpm.group(1));
        }
        String prompt = text.isBlank() ? mood + " background music for an ad" : text;
        return new AudioDirection(prompt, mood, tempo);
    }

    private static int moodIndex(String words) {
        for (int i = 0; i < MOOD_WORDS.size(); i++) {
            for (String word : MOOD_WORDS.get(i)) {
                if (words.contains(word)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String moodName(int index) {
        return switch (index) {
            case 0 -> "dramatic";
            case 1 -> "calm";
            case 2 -> "playful";
            case 3 -> "upbeat";
            default -> "corporate";
        };
    }

    public boolean minor() {
        return mood.equals("dramatic");
    }
}
