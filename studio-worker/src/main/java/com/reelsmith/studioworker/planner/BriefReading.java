package com.reelsmith.studioworker.planner;

import com.reelsmith.platform.storyboards.Brief;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the local planner reads in a brief's free text: its sentences sorted into story beats (what
 * to show), style notes (how it should look) and constraints (what to avoid), plus the fields a
 * team left out filled from the text. Plain rules, no model: the same brief always reads the same.
 */
record BriefReading(String product, String audience, String message, String callToAction, String tone,
                    List<String> storyBeats, List<String> styleNotes, List<String> avoid) {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final List<String> CONSTRAINT_WORDS = List.of("must not", "never", "don't", "do not", "no jargon",
            "avoid", "without saying", "not about");
    private static final List<String> STORY_WORDS = List.of("show", "want", "wants", "moment", "journey", "see", "watch",
            "imagine", "picture", "open on", "start with", "end with");

    static BriefReading of(Brief brief) {
        List<String> beats = new ArrayList<>();
        List<String> style = new ArrayList<>();
        List<String> avoid = new ArrayList<>();
        List<String> sentences = sentences(brief.text());
        for (int i = 1; i < sentences.size(); i++) { // the first sentence names the product and the message
            String sentence = sentences.get(i);
            String lower = sentence.toLowerCase(Locale.ROOT);
            if (CONSTRAINT_WORDS.stream().anyMatch(lower::contains)) {
                avoid.add(sentence);
            } else if (STORY_WORDS.stream().anyMatch(w -> lower.startsWith(w) || lower.contains(" " + w + " "))
                    && !lower.contains("style") && !lower.contains("cuts")) {
                beats.add(sentence);
            } else {
                style.add(sentence); // how it should look or feel: "Earthy tones, real people.", "Holiday season."
            }
        }
        String first = sentences.isEmpty() ? "" : sentences.get(0);
        String product = orElse(brief.product(), productFrom(first));
        String message = orElse(brief.keyMessage(), stripEnd(first));
        String audience = orElse(brief.audience(), "people who would love " + product);
        String cta = orElse(brief.callToAction(), defaultCallToAction(brief.platform()));
        String tone = orElse(brief.tone(), toneFrom(brief.text()));
        return new BriefReading(product, audience, message, cta, tone, beats, style, avoid);
    }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_END.split(text == null ? "" : text.trim())) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    /** The subject of the first sentence, up to its verb: "Northbound Roasters is launching ..." -> "Northbound Roasters". */
    private static String productFrom(String first) {
        var verb = Pattern.compile("\\s(is|are|wants|want|launches|launching|helps|makes|has|needs)\\s").matcher(first);
        String subject = verb.find() ? first.substring(0, verb.start()) : first;
        subject = stripEnd(subject);
        if (subject.isBlank()) {
            return "the product";
        }
        return subject.length() > 60 ? subject.substring(0, 60).trim() : subject;
    }

    private static String toneFrom(String text) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        if (lower.contains("funny") || lower.contains("playful") || lower.contains("fun ")) {
            return "playful, upbeat";
        }
        if (lower.contains("serious") || lower.contains("trust") || lower.contains("professional")) {
            return "serious, reassuring";
        }
        if (lower.contains("calm") || lower.contains("slow")) {
            return "calm, warm";
        }
        return "confident, warm";
    }

    static String defaultCallToAction(String platform) {
        return switch (platform) {
            case "tiktok", "instagram_reel", "youtube_short" -> "Tap to shop now";
            case "linkedin" -> "Learn more";
            default -> "Find out more today";
        };
    }

    static String stripEnd(String s) {
        String t = s == null ? "" : s.trim();
        while (!t.isEmpty() && ".!?,;:".indexOf(t.charAt(t.length() - 1)) >= 0) {
            t = t.substring(0, t.length() - 1).trim();
        }
        return t;
    }

    private static String orElse(String given, String derived) {
        return given == null || given.isBlank() ? derived : given.trim();
    }
}
