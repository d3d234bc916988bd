package com.reelsmith.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class StoryboardReviewTest extends StoryboardTestBase {

    /** How to bring a fresh draft into each state, through the API. */
    static final Map<String, List<String>> ROUTES = new LinkedHashMap<>(Map.of(
            "draft", List.of(),
            "in_review", List.of("submit"),
            "changes_requested", List.of("submit", "request-changes"),
            "approved", List.of("submit", "approve"),
            "rejected", List.of("submit", "reject")));

    /** Which actions each state allows; every other pair is refused with 409. */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "draft", Set.of("submit", "edit", "refine"),
            "in_review", Set.of("approve", "request-changes", "reject"),
            "changes_requested", Set.of("submit", "edit", "refine"),
            "approved", Set.of(),
            "rejected", Set.of());

    static final List<String> ACTIONS = List.of("submit", "approve", "request-changes", "reject", "edit", "refine");

    @Test
    void everyActionIsAllowedExactlyWhereTheStateMachineSaysAndRefusedWith409Elsewhere() {
        var tenant = newTenant("Reviewer");
        List<String> checked = new ArrayList<>();
        ROUTES.forEach((state, route) -> {
            for (String action : ACTIONS) {
                UUID id = plannedStoryboard(tenant);
                route.forEach(step -> act(tenant, id, step));
                assertThat(storyboard(tenant, id).json().path("status").asString()).isEqualTo(state);
                int historyBefore = storyboard(tenant, id).json().path("history").size();

                var reply = act(tenant, id, action);

                if (ALLOWED.get(state).contains(action)) {
                    assertThat(reply.status()).as("%s from %s: %s", action, state, reply).isIn(200, 202);
                } else {
                    assertThat(reply.status()).as("%s from %s: %s", action, state, reply).isEqualTo(409);
                    assertThat(reply.errorCode()).isIn("invalid_state", "already_approved");
                    var after = storyboard(tenant, id).json();
                    assertThat(after.path("status").asString()).as("refused %s changed nothing", action).isEqualTo(state);
                    assertThat(after.path("history").size()).isEqualTo(historyBefore);
                }
                checked.add(state + ":" + action);
            }
        });
        assertThat(checked).hasSize(ROUTES.size() * ACTIONS.size());
    }

    @Test
    void approvingAnOldVersionOrTwiceIsAClearError() {
        var tenant = newTenant("Approver");
        UUID id = plannedStoryboard(tenant);
        edit(tenant, id, 1, "s1", "a new hook");
        act(tenant, id, "submit");

        var old = as(tenant).post("/api/v2/storyboards/" + id + "/approve", Map.of("version", 1));
        var noVersion = as(tenant).post("/api/v2/storyboards/" + id + "/approve", Map.of());
        var approved = as(tenant).post("/api/v2/storyboards/" + id + "/approve", Map.of("version", 2, "comment", "ship it"));
        var twice = as(tenant).post("/api/v2/storyboards/" + id + "/approve", Map.of("version", 2));

        assertThat(old.status()).as("%s", old).isEqualTo(409);
        assertThat(old.errorCode()).isEqualTo("stale_version");
        assertThat(old.json().path("error").path("message").asString()).contains("current version (2)");
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(noVersion.errorField()).isEqualTo("version");
        assertThat(approved.status()).as("%s", approved).isEqualTo(200);
        assertThat(approved.json().path("approved_version").asInt()).isEqualTo(2);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.errorCode()).isEqualTo("already_approved");
    }

    @Test
    void theHistoryShowsWhoDidWhatAndWhenForEveryStep() {
        var tenant = newTenant("Historian");
        UUID id = plannedStoryboard(tenant);

        edit(tenant, id, 1, "s2", "the Aero 2 lifts off");
        assertThat(as(tenant).post("/api/v2/storyboards/" + id + "/reorder",
                Map.of("version", 2, "scene_ids", List.of("s2", "s1", "s3", "s4"))).status()).isEqualTo(200);
        assertThat(as(tenant).post("/api/v2/storyboards/" + id + "/scenes",
                Map.of("version", 3, "description", "a crowd cheers", "duration_s", 2, "after_scene_id", "s3"))
                .status()).isEqualTo(201);
        assertThat(as(tenant).delete("/api/v2/storyboards/" + id + "/scenes/s5?version=4").status()).isEqualTo(200);
        act(tenant, id, "submit");
        as(tenant).post("/api/v2/storyboards/" + id + "/request-changes", Map.of("comment", "hook too slow"));
        act(tenant, id, "submit");
        as(tenant).post("/api/v2/storyboards/" + id + "/approve", Map.of("version", 5, "comment", "lovely"));

        var board = storyboard(tenant, id).json();
        List<String> actions = new ArrayList<>();
        board.path("history").forEach(h -> actions.add(h.path("action").asString()));
        assertThat(actions).containsExactly("planned", "scene_edited", "scenes_reordered", "scene_added",
                "scene_removed", "submit", "request_changes", "submit", "approve");
        board.path("history").forEach(h -> assertThat(h.path("at").asString()).isNotBlank());
        var byKey = new ArrayList<String>();
        board.path("history").forEach(h -> byKey.add(h.path("key_name").asString()));
        assertThat(byKey.subList(1, byKey.size())).containsOnly("Historian key");
        assertThat(board.path("history").get(6).path("comment").asString()).isEqualTo("hook too slow");
        assertThat(board.path("status").asString()).isEqualTo("approved");
        // every version is still there as it was
        var v2 = as(tenant).get("/api/v2/storyboards/" + id + "/versions/2").json();
        assertThat(v2.path("scenes").get(1).path("description").asString()).isEqualTo("the Aero 2 lifts off");
        assertThat(v2.path("scenes").get(0).path("id").asString()).isEqualTo("s1");
        var v3 = as(tenant).get("/api/v2/storyboards/" + id + "/versions/3").json();
        assertThat(v3.path("scenes").get(0).path("id").asString()).isEqualTo("s2");
        assertThat(as(tenant).get("/api/v2/storyboards/" + id + "/versions/9").status()).isEqualTo(404);
    }

    @Test
    void anEditMadeFromAStaleVersionIsRefusedAndChangesNothing() {
        var tenant = newTenant("Stale");
        UUID id = plannedStoryboard(tenant);
        edit(tenant, id, 1, "s1", "first");

        var stale = as(tenant).patch("/api/v2/storyboards/" + id + "/scenes/s1",
                Map.of("version", 1, "description", "second"));

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.errorCode()).isEqualTo("stale_version");
        assertThat(stale.errorField()).isEqualTo("version");
        var board = storyboard(tenant, id).json();
        assertThat(board.path("current_version").asInt()).isEqualTo(2);
        assertThat(board.path("scenes").get(0).path("description").asString()).isEqualTo("first");
    }

    @Test
    void fiftyConcurrentEditsOfOneSceneLoseNoUpdateAndAllAreInTheHistory() throws Exception {
        var tenant = newTenant("Crowd");
        UUID id = plannedStoryboard(tenant);
        int editors = 50;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger conflicts = new AtomicInteger();
        ConcurrentLinkedQueue<Integer> acceptedVersions = new ConcurrentLinkedQueue<>();
        Map<Integer, String> textOfVersion = new java.util.concurrent.ConcurrentHashMap<>();
        for (int i = 0; i < editors; i++) {
            String text = "edit " + i;
            pool.submit(() -> {
                start.await();
                while (true) { // a reviewer whose edit is refused as stale reloads and edits again
                    int version = currentVersion(tenant, id);
                    var reply = as(tenant).patch("/api/v2/storyboards/" + id + "/scenes/s2",
                            Map.of("version", version, "on_screen_text", text));
                    if (reply.status() == 200) {
                        int made = reply.json().path("version").asInt();
                        acceptedVersions.add(made);
                        textOfVersion.put(made, text);
                        return null;
                    }
                    if (reply.status() != 409) {
                        throw new AssertionError(reply.toString());
                    }
                    conflicts.incrementAndGet();
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(120, TimeUnit.SECONDS)).isTrue();

        assertThat(acceptedVersions).hasSize(editors).doesNotHaveDuplicates();
        var board = storyboard(tenant, id).json();
        assertThat(board.path("current_version").asInt()).isEqualTo(editors + 1);
        List<Integer> editedVersions = new ArrayList<>();
        board.path("history").forEach(h -> {
            if ("scene_edited".equals(h.path("action").asString())) {
                editedVersions.add(h.path("version").asInt());
            }
        });
        assertThat(editedVersions).containsExactlyInAnyOrderElementsOf(acceptedVersions);
        Set<String> texts = new HashSet<>();
        for (int v = 2; v <= editors + 1; v++) {
            String shown = as(tenant).get("/api/v2/storyboards/" + id + "/versions/" + v).json()
                    .path("scenes").get(1).path("on_screen_text").asString();
            assertThat(shown).as("version %d holds the edit that made it", v).isEqualTo(textOfVersion.get(v));
            texts.add(shown);
        }
        assertThat(texts).hasSize(editors);
        assertThat(board.path("scenes").get(1).path("on_screen_text").asString())
                .isEqualTo(textOfVersion.get(editors + 1));
        System.out.println("50 concurrent edits: " + conflicts.get() + " stale refusals, all 50 landed");
    }

    @Test
    void aStoryboardIsRefinedAtMostFiveTimesThenAClear409() {
        var tenant = newTenant("Refiner");
        UUID id = plannedStoryboard(tenant);

        for (int i = 1; i <= 5; i++) {
            var reply = as(tenant).post("/api/v2/storyboards/" + id + "/refine", Map.of("feedback", "shorter please " + i));
            assertThat(reply.status()).as("refinement %d: %s", i, reply).isEqualTo(202);
            assertThat(reply.json().path("kind").asString()).isEqualTo("storyboard");
        }
        var sixth = as(tenant).post("/api/v2/storyboards/" + id + "/refine", Map.of("feedback", "longer"));

        assertThat(sixth.status()).isEqualTo(409);
        assertThat(sixth.errorCode()).isEqualTo("refinement_limit_reached");
        assertThat(sixth.json().path("error").path("message").asString()).contains("5 refinements");
        var board = storyboard(tenant, id).json();
        assertThat(board.path("refinements").asInt()).isEqualTo(5);
        assertThat(board.path("refinements_left").asInt()).isZero();
        assertThat(GatewayEnvironment.queryLong(DB, "select count(*) from jobs where kind = 'storyboard' and input->>'storyboard_id' = ?",
                id.toString())).isEqualTo(5);
    }

    @Test
    void anotherClientsStoryboardsAreNotFoundAndUntouched() {
        var a = newTenant("Owner");
        var b = newTenant("Intruder");
        UUID id = plannedStoryboard(a);
        String s = "/api/v2/storyboards/" + id;

        var replies = List.of(as(b).get(s), as(b).get(s + "/versions/1"),
                as(b).patch(s + "/scenes/s1", Map.of("version", 1, "description", "x")),
                as(b).post(s + "/scenes", Map.of("version", 1, "description", "x", "duration_s", 2)),
                as(b).delete(s + "/scenes/s1?version=1"),
                as(b).post(s + "/reorder", Map.of("version", 1, "scene_ids", List.of("s4", "s3", "s2", "s1"))),
                as(b).post(s + "/refine", Map.of("feedback", "shorter")),
                as(b).post(s + "/submit", Map.of()), as(b).post(s + "/approve", Map.of("version", 1)),
                as(b).post(s + "/request-changes", Map.of("comment", "x")), as(b).post(s + "/reject", Map.of("comment", "x")));

        for (var reply : replies) {
            assertThat(reply.status()).as("%s", reply).isEqualTo(404);
            assertThat(reply.errorCode()).isEqualTo("not_found");
        }
        var board = storyboard(a, id).json();
        assertThat(board.path("current_version").asInt()).isEqualTo(1);
        assertThat(board.path("status").asString()).isEqualTo("draft");
        assertThat(board.path("history").size()).isEqualTo(1);
    }

    GatewayClient.Reply edit(Tenant tenant, UUID id, int version, String scene, String description) {
        var reply = as(tenant).patch("/api/v2/storyboards/" + id + "/scenes/" + scene,
                Map.of("version", version, "description", description));
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply;
    }

    GatewayClient.Reply act(Tenant tenant, UUID id, String action) {
        int version = currentVersion(tenant, id);
        String base = "/api/v2/storyboards/" + id;
        return switch (action) {
            case "edit" -> as(tenant).patch(base + "/scenes/s1", Map.of("version", version, "description", "edited"));
            case "refine" -> as(tenant).post(base + "/refine", Map.of("version", version, "feedback", "shorter"));
            case "approve" -> as(tenant).post(base + "/approve", Map.of("version", version));
            case "request-changes", "reject" -> as(tenant).post(base + "/" + action, Map.of("comment", "because"));
            default -> as(tenant).post(base + "/" + action, Map.of("version", version));
        };
    }
}
