package com.reelsmith.studioworker.planner;

import com.reelsmith.platform.storyboards.CreativeDirection;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.StoryboardContent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The feedback the local planner understands, one intent per clause of the feedback ("make the
 * hook funnier and end on the logo" is two clauses). A clause no intent matches is reported back
 * as not applied, word for word. The intents (documented in the README):
 *
 * <ul>
 * <li>{@code shorter} / {@code longer}: about a fifth off or on the total (5-120 s), scenes kept within 1-10 s;</li>
 * <li>{@code funnier} / {@code more_serious}: the tone, the audio and the hook (or every scene's text when the
 *     clause does not name the hook);</li>
 * <li>{@code end_on_logo}: a short logo end card as the last scene, the total unchanged;</li>
 * <li>{@code more_product_close_ups}: the showcase and benefit keyframes become product close-ups;</li>
 * <li>{@code another_call_to_action}: a quoted line becomes the call to action, else the next of a few standard ones.</li>
 * </ul>
 */
final class FeedbackIntents {

    static final List<String> ALTERNATIVE_CTAS = List.of("Try it today", "See it for yourself", "Get yours now",
            "Learn more at the link");
    private static final Pattern CLAUSES = Pattern.compile("\\s*(?:[.;!?\\n]+|,|\\band then\\b|\\band\\b|\\bthen\\b|\\balso\\b)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern QUOTED = Pattern.compile("[\"“'‘]([^\"”'’]{2,80})[\"”'’]");

    private FeedbackIntents() {
    }

    static Refinement apply(StoryboardContent current, String feedback, BriefReading reading) {
        StoryboardContent content = current;
        List<String> applied = new ArrayList<>();
        List<String> notApplied = new ArrayList<>();
        Matcher quote = QUOTED.matcher(feedback);
        String quoted = quote.find() ? quote.group(1).trim() : null;
        String unquoted = QUOTED.matcher(feedback).replaceAll("QUOTE");
        for (String clause : CLAUSES.split(unquoted)) {
            String c = clause.toLowerCase(Locale.ROOT).trim();
            if (c.isBlank() || c.matches("(please|thanks|thank you|ok|okay)")) {
                continue;
            }
            String intent = intentOf(c);
            if (intent == null) {
                notApplied.add(clause.replace("QUOTE", quoted == null ? "" : "\"" + quoted + "\"").trim());
                continue;
            }
            content = switch (intent) {
                case "shorter" -> resize(content, Math.max(5, (int) Math.round(content.totalDurationS() * 0.8)));
                case "longer" -> resize(content, Math.min(120, (int) Math.round(content.totalDurationS() * 1.2)));
                case "funnier" -> retone(content, "playful, funny", c.contains("hook"), true);
                case "more_serious" -> retone(content, "serious, understated", c.contains("hook"), false);
                case "end_on_logo" -> endOnLogo(content, reading);
                case "more_product_close_ups" -> closeUps(content);
                default -> anotherCallToAction(content, quoted);
            };
            if (!applied.contains(intent)) {
                applied.add(intent);
            }
        }
        return new Refinement(content, applied, notApplied);
    }

    static String intentOf(String c) {
        if (c.contains("logo") && (c.contains("end") || c.contains("finish") || c.contains("close") || c.contains("last"))) {
            return "end_on_logo";
        }
        if (c.contains("close-up") || c.contains("close up") || c.contains("closeup") || c.contains("macro")
                || c.contains("product shot")) {
            return "more_product_close_ups";
        }
        if ((c.contains("call to action") || c.contains("cta") || c.contains("call-to-action"))
                && (c.contains("another") || c.contains("different") || c.contains("new") || c.contains("change")
                    || c.contains("other") || c.contains("quote"))) {
            return "another_call_to_action";
        }
        if (c.contains("less funny") || c.contains("serious") || c.contains("sober") || c.contains("professional")) {
            return "more_serious";
        }
        if (c.contains("funn") || c.contains("humor") || c.contains("humour") || c.contains("joke") || c.contains("playful")) {
            return "funnier";
        }
        if (c.contains("shorter") || c.contains("tighter") || c.contains("trim") || c.contains("cut it down")) {
            return "shorter";
        }
        if (c.contains("longer") || c.contains("extend") || c.contains("more time")) {
            return "longer";
        }
        return null;
    }

    private static StoryboardContent resize(StoryboardContent content, int total) {
        List<Scene> scenes = new ArrayList<>(content.scenes());
        // drop middle scenes (benefits, proof) when the new length is too short for all of them
        while (scenes.size() > 3 && total < scenes.size() * 2) {
            scenes.remove(scenes.size() - 2);
        }
        while (total > scenes.size() * Scene.MAX_DURATION_S) {
            Scene extra = scenes.get(Math.max(1, scenes.size() - 2));
            scenes.add(scenes.size() - 1, new Scene(nextId(scenes), extra.role(), extra.description(),
                    extra.imagePrompt(), extra.motionPrompt(), extra.durationS(), extra.onScreenText(), null));
        }
        List<Integer> fitted = Durations.fit(scenes.stream().map(s -> (double) s.durationS()).toList(), total);
        List<Scene> out = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            out.add(scenes.get(i).withDuration(fitted.get(i)));
        }
        var d = content.direction();
        return new StoryboardContent(direction(d, d.tone(), d.audioDirection(), total), out);
    }

    private static StoryboardContent retone(StoryboardContent content, String tone, boolean hookOnly, boolean funny) {
        var d = content.direction();
        String audio = funny ? "upbeat, bouncy track with comic timing on the cuts; light sound effects"
                : "understated piano and strings, a calm, trustworthy voice";
        List<Scene> out = new ArrayList<>();
        for (Scene s : content.scenes()) {
            boolean touch = hookOnly ? "hook".equals(s.role()) : !"logo".equals(s.role());
            if (!touch) {
                out.add(s);
                continue;
            }
            String twist = funny ? ("hook".equals(s.role())
                    ? "A funny twist to open: a deadpan, over-the-top reaction before the reveal. "
                    : "Played for a smile: ")
                    : "Played straight and sincere: ";
            String description = stripTwist(s.description());
            String onScreen = "hook".equals(s.role()) ? (funny ? "Not what you expected, right?" : s.onScreenText())
                    : s.onScreenText();
            out.add(new Scene(s.id(), s.role(), twist + description,
                    (funny ? "playful, comedic framing, expressive faces. " : "sober, restrained framing. ")
                            + stripStyle(s.imagePrompt()),
                    s.motionPrompt(), s.durationS(), onScreen, s.voiceOver()));
        }
        return new StoryboardContent(direction(d, tone, audio, d.durationS()), out);
    }

    private static StoryboardContent endOnLogo(StoryboardContent content, BriefReading reading) {
        List<Scene> scenes = new ArrayList<>(content.scenes().stream().filter(s -> !"logo".equals(s.role())).toList());
        var d = content.direction();
        Scene logo = SceneWriter.write(nextId(content.scenes()), "logo", null, 2, d, reading);
        scenes.add(logo);
        int total = content.totalDurationS();
        // the end card takes about 2 s, the other scenes give it up in proportion to their length
        List<Double> weights = scenes.stream().map(s -> "logo".equals(s.role()) ? 2.0 : (double) s.durationS()).toList();
        List<Integer> fitted = Durations.fit(weights, total);
        List<Scene> out = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            out.add(scenes.get(i).withDuration(fitted.get(i)));
        }
        return new StoryboardContent(d, out);
    }

    private static StoryboardContent closeUps(StoryboardContent content) {
        return mapScenes(content, s -> "showcase".equals(s.role()) || "benefit".equals(s.role())
                ? new Scene(s.id(), s.role(), s.description() + " Favour tight product close-ups.",
                "extreme close-up of " + content.direction().product() + ": texture, label and detail. "
                        + s.imagePrompt(), "slow macro slide across the product; " + s.motionPrompt(), s.durationS(),
                s.onScreenText(), s.voiceOver())
                : s);
    }

    private static StoryboardContent anotherCallToAction(StoryboardContent content, String quoted) {
        var d = content.direction();
        String cta = quoted;
        if (cta == null) {
            int at = ALTERNATIVE_CTAS.indexOf(d.callToAction());
            cta = ALTERNATIVE_CTAS.get((at + 1) % ALTERNATIVE_CTAS.size());
        }
        String old = d.callToAction();
        String next = cta;
        var direction = new CreativeDirection(d.product(), d.audience(), d.message(), d.visualStyle(), d.palette(),
                d.cameraAndMotion(), d.audioDirection(), next, d.platform(), d.aspectRatio(), d.durationS(), d.tone());
        return new StoryboardContent(direction, mapScenes(content, s -> "call_to_action".equals(s.role())
                || "logo".equals(s.role())
                ? new Scene(s.id(), s.role(), s.description().replace(old, next), s.imagePrompt().replace(old, next),
                s.motionPrompt(), s.durationS(), next, s.voiceOver() == null ? null : next + ".")
                : s).scenes());
    }

    private static StoryboardContent mapScenes(StoryboardContent content, UnaryOperator<Scene> change) {
        return new StoryboardContent(content.direction(), content.scenes().stream().map(change).toList());
    }

    private static CreativeDirection direction(CreativeDirection d, String tone, String audio, int total) {
        String style = d.visualStyle().replaceAll("; tone: .*$", "") + "; tone: " + tone;
        return new CreativeDirection(d.product(), d.audience(), d.message(), style, d.palette(), d.cameraAndMotion(),
                audio, d.callToAction(), d.platform(), d.aspectRatio(), total, tone);
    }

    private static String stripTwist(String description) {
        return description.replaceFirst("^(A funny twist to open: [^.]*\\. |Played for a smile: |Played straight and sincere: )", "");
    }

    private static String stripStyle(String prompt) {
        return prompt.replaceFirst("^(playful, comedic framing, expressive faces\\. |sober, restrained framing\\. )", "");
    }

    private static String nextId(List<Scene> scenes) {
        int max = scenes.stream().map(Scene::id).filter(id -> id.matches("s\\d+"))
                .mapToInt(id -> Integer.parseInt(id.substring(1))).max().orElse(0);
        return "s" + (max + 1);
    }
}
