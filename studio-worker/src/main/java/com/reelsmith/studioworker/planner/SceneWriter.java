package com.reelsmith.studioworker.planner;

import com.reelsmith.platform.storyboards.CreativeDirection;
import com.reelsmith.platform.storyboards.Scene;
import java.util.Locale;

/**
 * Writes one scene of a role from the direction: what happens, the keyframe's image prompt, the
 * clip's motion prompt, the on-screen text and a voice-over line. Templates, filled from the brief.
 */
final class SceneWriter {

    private SceneWriter() {
    }

    /** Benefits when the brief's message and story run out: distinct angles, never the same line twice. */
    private static final String[][] MORE_BENEFITS = {
        {"%s fitting into an ordinary day, no effort, no fuss", "Made for every day"},
        {"the small detail that makes %s different, seen up close", "The details matter"},
        {"the feeling after using %s: relief, a smile, a moment won back", "Feel the difference"},
        {"%s in a second setting, showing it works wherever life happens", "Wherever you are"}};

    static Scene write(String id, String role, String point, int seconds, CreativeDirection d, BriefReading r) {
        return write(id, role, point, seconds, d, r, 0);
    }

    static Scene write(String id, String role, String point, int seconds, CreativeDirection d, BriefReading r, int index) {
        String shortText = null;
        if (point == null && "benefit".equals(role)) {
            String[] more = MORE_BENEFITS[index % MORE_BENEFITS.length];
            point = String.format(more[0], d.product());
            shortText = more[1];
        }
        String product = d.product();
        String beat = r.storyBeats().isEmpty() ? null : r.storyBeats().get(0);
        boolean playful = d.tone().toLowerCase(Locale.ROOT).contains("playful")
                || d.tone().toLowerCase(Locale.ROOT).contains("funny");
        return switch (role) {
            case "hook" -> scene(id, role, seconds, d,
                    "Scroll-stopping opening for " + d.audience() + ": an unexpected, close first look that hints at the promise - "
                            + lowerFirst(d.message(), d) + " - before " + product + " is named.",
                    "extreme close-up, curiosity before clarity",
                    "quick push-in that lands on the detail in the first second",
                    playful ? "Wait for it..." : capitalise(d.message()),
                    playful ? "Okay, you need to see this." : capitalise(d.message()) + ".");
            case "showcase" -> scene(id, role, seconds, d,
                    "The reveal: " + product + " in its real setting"
                            + (beat == null ? ", clearly the hero of the frame." : " - " + lowerFirst(asScene(beat), d) + "."),
                    "hero shot of " + product + ", sharp and well lit",
                    "slow arc around the product, settling on the hero angle",
                    product,
                    "Meet " + product + ".");
            case "benefit" -> scene(id, role, seconds, d,
                    "Show the benefit in action: " + lowerFirst(point == null ? d.message() : point, d) + ", lived by "
                            + d.audience() + ".",
                    "a person from the audience using " + product + ", the benefit visible at a glance",
                    "handheld follow of the action, then a close-up on " + product,
                    shortText != null ? shortText : capitalise(point),
                    shortText != null ? shortText + "." : capitalise(point) + ".");
            case "proof" -> scene(id, role, seconds, d,
                    "Proof it is real: " + (point == null ? "a genuine moment with " + product : lowerFirst(point, d))
                            + ", no exaggeration, the result people can see.",
                    "natural, honest moment with " + product + ", real people, unretouched detail",
                    "steady lock-off, natural movement in the frame",
                    capitalise(point == null ? "Real results" : point),
                    null);
            case "logo" -> scene(id, role, seconds, d,
                    "End card: the " + product + " logo centred on a clean background, the call to action beneath it.",
                    "minimal end card with the " + product + " logo, generous empty space",
                    "hold still, a gentle fade in of the logo",
                    d.callToAction(),
                    null);
            default -> scene(id, "call_to_action", seconds, d,
                    "Call to action: " + product + " front and centre as the line lands - " + d.callToAction() + ".",
                    product + " centred with space for the call-to-action text",
                    "gentle pull-back that leaves the product centred",
                    d.callToAction(),
                    d.callToAction() + ".");
        };
    }

    private static Scene scene(String id, String role, int seconds, CreativeDirection d, String description,
                               String shot, String motion, String onScreen, String voiceOver) {
        String frame = switch (d.aspectRatio()) {
            case "9:16" -> "vertical 9:16 frame";
            case "1:1" -> "square 1:1 frame";
            default -> "widescreen 16:9 frame";
        };
        String imagePrompt = shot + ". " + description + " Style: " + d.visualStyle() + ". Palette: "
                + String.join(", ", d.palette()) + ". " + frame + ".";
        String motionPrompt = motion + "; " + d.cameraAndMotion() + ".";
        return new Scene(id, role, description, imagePrompt, motionPrompt, seconds, onScreen, voiceOver);
    }

    /** "Show a marble's journey ..." -> "a marble's journey ...": a story beat as a scene. */
    static String asScene(String beat) {
        String b = BriefReading.stripEnd(beat);
        var wish = java.util.regex.Pattern.compile("^We want (.+?) to (feel|see|know|get|find) (.+)$").matcher(b);
        if (wish.matches()) {
            return wish.group(1) + " who " + wish.group(2) + " " + wish.group(3); // "We want commuters to feel calm"
        }
        for (String lead : new String[] {"Show ", "We want to show ", "We want ", "Showing "}) {
            if (b.startsWith(lead)) {
                return b.substring(lead.length());
            }
        }
        return b;
    }

    static String capitalise(String s) {
        return s == null || s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Lower-cases the first letter unless the first word is a name (of the product or brand) or an acronym. */
    static String lowerFirst(String s, CreativeDirection d) {
        if (s == null || s.length() < 2 || Character.isUpperCase(s.charAt(1))) {
            return s;
        }
        String firstWord = s.split("[\\s,']", 2)[0];
        if (d.product().contains(firstWord)) {
            return s;
        }
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
