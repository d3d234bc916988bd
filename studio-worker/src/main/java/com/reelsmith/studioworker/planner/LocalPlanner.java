package com.reelsmith.studioworker.planner;

import com.reelsmith.platform.storyboards.Brief;
import com.reelsmith.platform.storyboards.CreativeDirection;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.StoryboardContent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The offline planner: rules and templates, no model, the same brief always giving the same
 * storyboard. It reads the brief ({@link BriefReading}), writes a creative direction from the
 * platform and tone, and lays out scenes hook -> showcase -> benefits/proof -> call to action,
 * their lengths shared by weight so they sum to the brief's duration. Feedback is read as the
 * intents {@link FeedbackIntents} knows.
 */
public class LocalPlanner implements Planner {

    static final Map<String, Double> WEIGHTS = Map.of("hook", 0.6, "showcase", 1.2, "benefit", 1.0, "proof", 1.0,
            "call_to_action", 1.0, "logo", 0.5);

    @Override
    public String name() {
        return "local";
    }

    @Override
    public StoryboardContent plan(Brief brief) {
        var reading = BriefReading.of(brief);
        var direction = direction(brief, reading);
        List<String> roles = roles(brief.durationS());
        List<Integer> durations = Durations.fit(roles.stream().map(WEIGHTS::get).toList(), brief.durationS());
        var points = new ArrayList<>(points(reading));
        List<Scene> scenes = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            String role = roles.get(i);
            String point = ("benefit".equals(role) || "proof".equals(role)) && !points.isEmpty() ? points.remove(0) : null;
            scenes.add(SceneWriter.write("s" + (i + 1), role, point, durations.get(i), direction, reading, i));
        }
        return new StoryboardContent(direction, scenes);
    }

    @Override
    public Refinement refine(Brief brief, StoryboardContent current, String feedback) {
        return FeedbackIntents.apply(current, feedback, BriefReading.of(brief));
    }

    /** hook, showcase, benefits and proof alternating, call to action: 4 scenes for 15 s, 7 for 30 s, 3 to 8 (more for long ads). */
    static List<String> roles(int totalS) {
        int n = Math.max(Durations.minimumScenes(totalS),
                Math.min(totalS, Math.max(3, Math.min(8, (int) Math.round(totalS / 5.0) + 1))));
        List<String> roles = new ArrayList<>(List.of("hook", "showcase"));
        for (int i = 0; i < n - 3; i++) {
            roles.add(i % 3 == 2 ? "proof" : "benefit");
        }
        roles.add("call_to_action");
        return roles;
    }

    /** What the middle scenes say: the key message's parts, then the brief's story beats. */
    private static List<String> points(BriefReading reading) {
        var points = new LinkedHashSet<String>();
        for (String part : reading.message().split(",\\s*|;\\s*|\\s+(?=without\\s)")) {
            if (!part.isBlank()) {
                points.add(BriefReading.stripEnd(part));
            }
        }
        reading.storyBeats().stream().skip(1).map(BriefReading::stripEnd).map(SceneWriter::asScene).forEach(points::add);
        return List.copyOf(points);
    }

    static CreativeDirection direction(Brief brief, BriefReading r) {
        String tone = r.tone();
        String lowerTone = tone.toLowerCase(Locale.ROOT);
        String platformLook = switch (brief.platform()) {
            case "tiktok", "instagram_reel", "youtube_short" -> "creator-style, shot on a phone, natural light, quick cuts";
            case "linkedin" -> "documentary realism, clean frames, real workplaces and people";
            case "youtube" -> "cinematic but warm, steady framing, room for the story to breathe";
            default -> "clean commercial look, product-first framing";
        };
        String look = r.styleNotes().isEmpty() ? platformLook
                : platformLook + "; from the brief: " + String.join(" ", r.styleNotes());
        List<String> palette = palette(brief.text() + " " + tone);
        String camera = switch (brief.platform()) {
            case "tiktok", "instagram_reel", "youtube_short" ->
                    "handheld push-ins, macro close-ups of the product, snappy match cuts on movement";
            case "linkedin" -> "slow dolly moves, eye-level framing, lingering on faces and hands at work";
            default -> "smooth gimbal moves, wide-to-close reveals, a locked-off hero shot of the product";
        };
        String audio = lowerTone.contains("playful") || lowerTone.contains("funny")
                ? "upbeat, bouncy track with comic timing on the cuts; light sound effects"
                : lowerTone.contains("serious") ? "understated piano and strings, a calm, trustworthy voice"
                : lowerTone.contains("calm") ? "warm acoustic guitar, soft ambient room sound, unhurried voice"
                : "modern, confident beat that lifts at the call to action";
        return new CreativeDirection(r.product(), r.audience(), r.message(), look + "; tone: " + tone, palette, camera,
                audio, r.callToAction(), brief.platform(), brief.aspectRatio(), brief.durationS(), tone);
    }

    private static List<String> palette(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("earthy")) {
            return List.of("roasted brown", "olive green", "oat cream", "terracotta");
        }
        if (t.contains("holiday") || t.contains("christmas")) {
            return List.of("warm wood", "pine green", "cranberry red", "soft candle light");
        }
        if (t.contains("serious") || t.contains("bank") || t.contains("trust")) {
            return List.of("deep navy", "slate grey", "clean white", "a touch of brass");
        }
        if (t.contains("skin") || t.contains("serum")) {
            return List.of("dewy skin tones", "soft peach", "pearl white", "sunlit gold");
        }
        if (t.contains("playful") || t.contains("funny") || t.contains("friendly")) {
            return List.of("sunny yellow", "fresh mint", "coral", "off-white");
        }
        return List.of("warm neutrals", "one bold accent colour", "clean white");
    }
}
