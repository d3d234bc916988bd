package com.reelsmith.platform.brand;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A client's brand guidelines, read from {@code clients.brand_guidelines} (free-form JSON, so the
 * usual spellings are all accepted: {@code colors}/{@code colours}/{@code palette},
 * {@code banned_words}/{@code words_to_avoid}/{@code never_say}, ...). They reach every prompt
 * Reelsmith sends for the client ({@link #applyTo}), and a banned word in what a client sends is
 * refused ({@link #bannedWordIn}).
 */
public record BrandGuidelines(String voice, List<String> colors, List<String> fonts, List<String> styleKeywords,
                              List<String> wordsToUse, List<String> bannedWords, String logoAssetId) {

    public static final BrandGuidelines NONE = new BrandGuidelines(null, List.of(), List.of(), List.of(), List.of(),
            List.of(), null);

    /** Marks a prompt that already carries the guidelines, so applying them twice changes nothing. */
    static final String MARK = " Brand guidelines:";

    public static BrandGuidelines from(JsonNode node) {
        if (node == null || !node.isObject()) {
            return NONE;
        }
        return new BrandGuidelines(text(node, "voice", "tone", "brand_voice"),
                list(node, "colors", "colours", "palette", "brand_colors"), list(node, "fonts", "typography"),
                list(node, "style_keywords", "style", "keywords", "visual_style"),
                list(node, "words_to_use", "preferred_words", "do_say", "use_words"),
                list(node, "banned_words", "words_to_avoid", "never_say", "dont_say", "forbidden_words"),
                text(node, "logo_asset_id", "logo", "logo_asset"));
    }

    public boolean isEmpty() {
        return voice == null && colors.isEmpty() && fonts.isEmpty() && styleKeywords.isEmpty() && wordsToUse.isEmpty()
                && logoAssetId == null;
    }

    /** The prompt as sent: the client's prompt followed by the guidelines (voice, colours, fonts, style, words, logo). */
    public String applyTo(String prompt) {
        if (prompt == null || isEmpty() || prompt.contains(MARK)) {
            return prompt;
        }
        List<String> parts = new ArrayList<>();
        if (voice != null) {
            parts.add("voice " + voice);
        }
        if (!colors.isEmpty()) {
            parts.add("colours " + String.join(", ", colors));
        }
        if (!fonts.isEmpty()) {
            parts.add("fonts " + String.join(", ", fonts));
        }
        if (!styleKeywords.isEmpty()) {
            parts.add("style " + String.join(", ", styleKeywords));
        }
        if (!wordsToUse.isEmpty()) {
            parts.add("words to use " + String.join(", ", wordsToUse));
        }
        if (logoAssetId != null) {
            parts.add("show the brand's logo where it fits");
        }
        return prompt.trim() + MARK + " " + String.join("; ", parts) + ".";
    }

    /** The first banned word or phrase in {@code text}, matched as a whole word whatever its case. */
    public Optional<String> bannedWordIn(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (String word : bannedWords) {
            var pattern = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word.trim()) + "(?![\\p{L}\\p{N}])",
                    Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            if (!word.isBlank() && pattern.matcher(text).find()) {
                return Optional.of(word.trim());
            }
        }
        return Optional.empty();
    }

    /** The first of {@code fields} (name to text, in the order given) holding a banned word. */
    public Optional<BannedWord> firstBanned(Map<String, String> fields) {
        for (var field : fields.entrySet()) {
            var word = bannedWordIn(field.getValue());
            if (word.isPresent()) {
                return Optional.of(new BannedWord(field.getKey(), word.get()));
            }
        }
        return Optional.empty();
    }

    /** {@code field} of a request holds {@code word}, which the client's guidelines ban. */
    public record BannedWord(String field, String word) {
        public String message() {
            return field + " contains \"" + word + "\", a word the client's brand guidelines ban; reword it";
        }
    }

    /** Name-to-text in insertion order, nulls skipped: the fields of a request to check. */
    public static Map<String, String> fields(String... nameThenText) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameThenText.length; i += 2) {
            if (nameThenText[i + 1] != null) {
                fields.put(nameThenText[i], nameThenText[i + 1]);
            }
        }
        return fields;
    }

    private static String text(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value != null && value.isString() && !value.asString().isBlank()) {
                return value.asString().trim();
            }
            if (value != null && value.isArray() && !value.isEmpty()) {
                return String.join(", ", list(node, name));
            }
        }
        return null;
    }

    private static List<String> list(JsonNode node, String... names) {
        for (String name : names) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                continue;
            }
            List<String> out = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(v -> {
                    if (v.isString() && !v.asString().isBlank()) {
                        out.add(v.asString().trim());
                    }
                });
            } else if (value.isString()) {
                for (String part : value.asString().split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
            if (!out.isEmpty()) {
                return List.copyOf(out);
            }
        }
        return List.of();
    }

    @Override
    public String toString() {
        return "BrandGuidelines" + Map.of("voice", String.valueOf(voice), "colors", colors, "banned", bannedWords)
                .toString().toLowerCase(Locale.ROOT);
    }
}
