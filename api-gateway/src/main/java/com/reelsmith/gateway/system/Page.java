package com.reelsmith.gateway.system;

import java.util.List;
import java.util.function.Function;

/** A list answer: {@code {"items": [...], "next_cursor": "…" | null}}. */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only tells that
     * there is more, and the cursor points after the last row shown.
     */
    public static <T> Page<T> of(List<T> rowsPlusOne, int limit, Function<T, Cursor> cursorOf) {
        if (rowsPlusOne.size() <= limit) {
            return new Page<>(rowsPlusOne, null);
        }
        List<T> shown = rowsPlusOne.subList(0, limit);
        return new Page<>(List.copyOf(shown), cursorOf.apply(shown.get(limit - 1)).encode());
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
