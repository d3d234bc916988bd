package com.reelsmith.platform.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.RowMapper;

/**
 * Rows as records, like {@code JdbcClient.query(Record.class)}, with one difference that matters
 * for speed: PostgreSQL's driver cannot hand out a timestamptz as an {@link Instant}, so Spring
 * asked for one, caught the driver's exception and fell back, for every such column of every row
 * (about 3% of the gateway's CPU per accepted job, far more on a page of 50 jobs). Here an Instant
 * is read as the {@link OffsetDateTime} the driver does support. Mappers are made once per record
 * type (they only read after construction).
 */
public final class Rows {

    private static final ConcurrentMap<Class<?>, RowMapper<?>> MAPPERS = new ConcurrentHashMap<>();

    private Rows() {
    }

    @SuppressWarnings("unchecked")
    public static <T> RowMapper<T> of(Class<T> type) {
        return (RowMapper<T>) MAPPERS.computeIfAbsent(type, InstantAwareMapper::new);
    }

    private static final class InstantAwareMapper<T> extends DataClassRowMapper<T> {

        InstantAwareMapper(Class<T> type) {
            super(type);
        }

        @Override
        protected Object getColumnValue(ResultSet rs, int index, Class<?> paramType) throws SQLException {
            if (paramType == Instant.class) {
                OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
                return value == null ? null : value.toInstant();
            }
            return super.getColumnValue(rs, index, paramType);
        }
    }
}
