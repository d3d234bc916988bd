package com.reelsmith.platform.storyboards;

import com.reelsmith.platform.jdbc.Rows;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.ObjectMapper;

/**
 * The one writer of storyboards, for the gateway (edits, review) and the studio worker (plans,
 * refinements): every change is a conditional update of the storyboard row on its current version
 * and state, then a new immutable version and a history entry, all in the caller's transaction.
 * Two changes made from the same version cannot both land: the second finds the version moved
 * and is refused as stale ({@link StoryboardConflict}), so no edit is ever lost silently.
 */
public class Storyboards {

    public static final int MAX_REFINEMENTS = 5;

    public record Row(UUID id, UUID clientId, UUID campaignId, UUID briefId, String status, int currentVersion,
                      int refinements, Integer approvedVersion, Instant createdAt, Instant updatedAt) {
        public StoryboardStatus state() {
            return StoryboardStatus.fromWire(status);
        }
    }

    public record Version(int version, StoryboardContent content, BigDecimal estimatedCostUsd, String estimate,
                          Instant createdAt) {
    }

    public record HistoryEntry(long id, int version, String action, UUID keyId, String keyName, String comment,
                               String detail, Instant createdAt) {
    }

    /** Who made a change: an API key (its id and name), or the planner working for one. */
    public record Actor(UUID keyId, String keyName) {
        public static final Actor PLANNER = new Actor(null, "planner");
    }

    /** A version's cost estimate: the total and its parts as JSON (keyframes, clips, assembly). */
    public record Estimate(BigDecimal totalUsd, String breakdownJson) {
        public static final Estimate NONE = new Estimate(null, null);
    }

    private static final String COLUMNS = """
            id, client_id, campaign_id, brief_id, status, current_version, refinements, approved_version,
            created_at, updated_at""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public Storyboards(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<Row> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from storyboards where id = :id").param("id", id).query(Rows.of(Row.class))
                .optional();
    }

    public Optional<Row> findByBrief(UUID briefId) {
        return jdbc.sql("select " + COLUMNS + " from storyboards where brief_id = :id").param("id", briefId)
                .query(Rows.of(Row.class)).optional();
    }

    public Optional<Version> version(UUID id, int version) {
        return jdbc.sql("""
                select version, content::text as content, estimated_cost_usd, estimate::text as estimate, created_at
                from storyboard_versions where storyboard_id = :id and version = :version
                """).param("id", id).param("version", version)
                .query((rs, n) -> new Version(rs.getInt("version"),
                        json.readValue(rs.getString("content"), StoryboardContent.class),
                        rs.getBigDecimal("estimated_cost_usd"), rs.getString("estimate"),
                        rs.getTimestamp("created_at").toInstant()))
                .optional();
    }

    public List<HistoryEntry> history(UUID id) {
        return jdbc.sql("""
                select id, version, action, key_id, key_name, comment, detail::text as detail, created_at
                from storyboard_history where storyboard_id = :id order by id
                """).param("id", id).query(Rows.of(HistoryEntry.class)).list();
    }

    /**
     * A planned brief's storyboard, version 1, in draft. A plan that runs again for the same brief
     * (a retried job) finds the storyboard it made and changes nothing.
     */
    public UUID create(Brief brief, StoryboardContent content, Estimate estimate, Actor actor, String comment) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                insert into storyboards (id, client_id, campaign_id, brief_id) values (:id, :clientId, :campaignId, :briefId)
                on conflict (brief_id) do nothing
                """).param("id", id).param("clientId", brief.clientId()).param("campaignId", brief.campaignId())
                .param("briefId", brief.id()).update();
        if (inserted == 0) {
            return findByBrief(brief.id()).orElseThrow().id();
        }
        insertVersion(id, 1, content, estimate);
        record(id, 1, "planned", actor, comment, null);
        return id;
    }

    /**
     * A new version made from {@code expectedVersion}: refused unless that is still the current
     * version and the storyboard is editable. Returns the new version's number.
     */
    public int append(UUID id, int expectedVersion, StoryboardContent content, Estimate estimate, Actor actor,
                      String action, String comment, Object detail) {
        int updated = jdbc.sql("""
                update storyboards set current_version = current_version + 1, updated_at = now()
                where id = :id and current_version = :expected and status in (:editable)
                """).param("id", id).param("expected", expectedVersion)
                .param("editable", StoryboardStatus.wire(StoryboardStatus.EDITABLE)).update();
        if (updated == 0) {
            throw refusal(id, expectedVersion, StoryboardStatus.EDITABLE, action);
        }
        int version = expectedVersion + 1;
        insertVersion(id, version, content, estimate);
        record(id, version, action, actor, comment, detail);
        return version;
    }

    /**
     * A review move ({@code submit}, {@code approve}, ...) to {@code to}, from the states that may
     * reach it. {@code expectedVersion}: the version the reviewer looked at (null: any); approving
     * records the version approved.
     */
    public Row move(UUID id, Integer expectedVersion, StoryboardStatus to, Actor actor, String action, String comment) {
        Set<StoryboardStatus> sources = StoryboardStatus.wireSourcesOf(to).stream().map(StoryboardStatus::fromWire)
                .collect(java.util.stream.Collectors.toSet());
        int updated = jdbc.sql("""
                update storyboards set status = :to, updated_at = now(),
                       approved_version = case when :to = 'approved' then current_version else approved_version end
                where id = :id and status in (:sources) and (cast(:expected as int) is null or current_version = :expected)
                """).param("id", id).param("to", to.wire()).param("sources", StoryboardStatus.wire(sources))
                .param("expected", expectedVersion).update();
        if (updated == 0) {
            throw refusal(id, expectedVersion, sources, action);
        }
        Row row = find(id).orElseThrow();
        record(id, row.currentVersion(), action, actor, comment, null);
        return row;
    }

    /** Counts one more refinement, refused past {@link #MAX_REFINEMENTS} or when the storyboard is not editable. */
    public void countRefinement(UUID id, Integer expectedVersion) {
        int updated = jdbc.sql("""
                update storyboards set refinements = refinements + 1, updated_at = now()
                where id = :id and refinements < :max and status in (:editable)
                  and (cast(:expected as int) is null or current_version = :expected)
                """).param("id", id).param("max", MAX_REFINEMENTS)
                .param("editable", StoryboardStatus.wire(StoryboardStatus.EDITABLE)).param("expected", expectedVersion)
                .update();
        if (updated == 0) {
            Row row = find(id).orElseThrow(() -> new StoryboardConflict("not_found", "no storyboard " + id));
            if (row.refinements() >= MAX_REFINEMENTS) {
                throw new StoryboardConflict("refinement_limit_reached", "this storyboard has had its " + MAX_REFINEMENTS
                        + " refinements; edit its scenes directly, or start again from a new brief");
            }
            throw refusal(id, expectedVersion, StoryboardStatus.EDITABLE, "refine");
        }
    }

    /** A history entry with no content change (a preview asked for, say). */
    public void note(UUID id, String action, Actor actor, String comment, Object detail) {
        Row row = find(id).orElseThrow();
        record(id, row.currentVersion(), action, actor, comment, detail);
    }

    private StoryboardConflict refusal(UUID id, Integer expectedVersion, Set<StoryboardStatus> allowed, String action) {
        Row row = find(id).orElseThrow(() -> new StoryboardConflict("not_found", "no storyboard " + id));
        if (!allowed.contains(row.state())) {
            if (row.state() == StoryboardStatus.APPROVED && "approve".equals(action)) {
                return new StoryboardConflict("already_approved", "this storyboard was already approved (version "
                        + row.approvedVersion() + "); approving it again changes nothing");
            }
            return new StoryboardConflict("invalid_state", "cannot " + action + " a storyboard that is " + row.status()
                    + (allowed.isEmpty() ? "" : "; " + action + " is allowed from " + String.join(", ",
                    StoryboardStatus.wire(allowed).stream().sorted().toList())));
        }
        return new StoryboardConflict("stale_version", "version " + expectedVersion + " is not the current version ("
                + row.currentVersion() + "); reload the storyboard and " + action + " version " + row.currentVersion());
    }

    private void insertVersion(UUID id, int version, StoryboardContent content, Estimate estimate) {
        jdbc.sql("""
                insert into storyboard_versions (storyboard_id, version, content, estimated_cost_usd, estimate)
                values (:id, :version, cast(:content as jsonb), :total, cast(:estimate as jsonb))
                """).param("id", id).param("version", version).param("content", json.writeValueAsString(content))
                .param("total", estimate.totalUsd()).param("estimate", estimate.breakdownJson()).update();
    }

    private void record(UUID id, int version, String action, Actor actor, String comment, Object detail) {
        jdbc.sql("""
                insert into storyboard_history (storyboard_id, version, action, key_id, key_name, comment, detail)
                values (:id, :version, :action, :keyId, :keyName, :comment, cast(:detail as jsonb))
                """).param("id", id).param("version", version).param("action", action).param("keyId", actor.keyId())
                .param("keyName", actor.keyName()).param("comment", comment)
                .param("detail", detail == null ? null : json.writeValueAsString(detail)).update();
    }
}
