package com.reelsmith.platform.storyboards;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A storyboard's review states and its legal moves, in one place; {@link Storyboards} applies
 * each move as one conditional update naming these sources.
 *
 * <pre>
 *  draft             --submit-->          in_review
 *  changes_requested --submit-->          in_review
 *  in_review         --approve-->         approved   (final)
 *  in_review         --request-changes--> changes_requested
 *  in_review         --reject-->          rejected   (final)
 * </pre>
 * Content (edits, refinements) changes only in draft and changes_requested: what reviewers see
 * does not move under them.
 */
public enum StoryboardStatus {
    DRAFT, IN_REVIEW, CHANGES_REQUESTED, APPROVED, REJECTED;

    public String wire() {
        return name().toLowerCase();
    }

    public static StoryboardStatus fromWire(String value) {
        return valueOf(value.toUpperCase());
    }

    public static final Set<StoryboardStatus> EDITABLE = EnumSet.of(DRAFT, CHANGES_REQUESTED);

    public Set<StoryboardStatus> next() {
        return switch (this) {
            case DRAFT, CHANGES_REQUESTED -> EnumSet.of(IN_REVIEW);
            case IN_REVIEW -> EnumSet.of(APPROVED, CHANGES_REQUESTED, REJECTED);
            case APPROVED, REJECTED -> EnumSet.noneOf(StoryboardStatus.class);
        };
    }

    public static List<String> wireSourcesOf(StoryboardStatus target) {
        return EnumSet.allOf(StoryboardStatus.class).stream().filter(s -> s.next().contains(target))
                .map(StoryboardStatus::wire).toList();
    }

    public static List<String> wire(Set<StoryboardStatus> states) {
        return states.stream().map(StoryboardStatus::wire).toList();
    }
}
