package com.reelsmith.gateway.ops;

import com.reelsmith.gateway.system.ApiException;
import java.util.List;
import java.util.function.ToLongFunction;

/** Keyset paging over a bigserial, newest first: the cursor is the last id shown. */
record IdCursor(long beforeId) {

    static IdCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return new IdCursor(Long.MAX_VALUE);
        }
        try {
            long id = Long.parseLong(cursor);
            if (id < 1) {
                throw new NumberFormatException();
            }
            return new IdCursor(id);
        } catch (NumberFormatException e) {
            throw ApiException.invalid("cursor", "cursor is not one this API gave out; pass next_cursor from the previous page");
        }
    }

    /** {"items", "next_cursor"} from rows fetched with limit + 1. */
    static <T> OpsPage<T> page(List<T> rowsPlusOne, int limit, ToLongFunction<T> idOf) {
        if (rowsPlusOne.size() <= limit) {
            return new OpsPage<>(rowsPlusOne, null);
        }
        List<T> shown = List.copyOf(rowsPlusOne.subList(0, limit));
        return new OpsPage<>(shown, Long.toString(idOf.applyAsLong(shown.get(limit - 1))));
    }

    record OpsPage<T>(List<T> items, String nextCursor) {
    }
}
