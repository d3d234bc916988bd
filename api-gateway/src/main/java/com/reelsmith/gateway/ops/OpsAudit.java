package com.reelsmith.gateway.ops;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.platform.jdbc.Rows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/** Every operator action, written after it was tried: who (the key), what, on what, and how it came out. */
@Component
class OpsAudit {

    record Entry(long id, Instant at, UUID keyId, String keyName, String action, String target, String outcome,
                 String detail) {
    }

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    OpsAudit(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void record(Caller caller, String action, String target, String outcome, Map<String, ?> detail) {
        jdbc.sql("""
                insert into ops_audit (key_id, key_name, action, target, outcome, detail)
                values (cast(:keyId as uuid), coalesce((select name from api_keys where id = cast(:keyId as uuid)),
                                         case when cast(:keyId as uuid) is null then 'ADMIN_API_KEY' end),
                        :action, :target, :outcome, cast(:detail as jsonb))
                """).param("keyId", caller.keyId()).param("action", action).param("target", target)
                .param("outcome", outcome).param("detail", json.writeValueAsString(detail)).update();
    }

    /** Newest first, {@code limit + 1} rows before {@code beforeId}. */
    List<Entry> list(long beforeId, String action, int limitPlusOne) {
        return jdbc.sql("""
                select id, at, key_id, key_name, action, target, outcome, detail::text as detail from ops_audit
                where id < :before and (cast(:action as text) is null or action = :action)
                order by id desc limit :limit
                """).param("before", beforeId).param("action", action).param("limit", limitPlusOne)
                .query(Rows.of(Entry.class)).list();
    }
}
