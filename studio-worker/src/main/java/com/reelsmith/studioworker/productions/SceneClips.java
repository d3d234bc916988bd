package com.reelsmith.studioworker.productions;

import com.reelsmith.model.JobKind;
import com.reelsmith.model.MediaRef;
import com.reelsmith.model.VideoJobInput;
import com.reelsmith.platform.brand.BrandBook;
import com.reelsmith.platform.pricing.PriceTable;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.Storyboards;
import com.reelsmith.work.ProviderProperties;
import com.reelsmith.work.saga.ChildJobs;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * A production's scenes as the saga's window of children: per scene one ordinary video job, from
 * the scene's approved preview when there is one (otherwise the video worker first makes the
 * keyframe from the scene's image prompt), a 5 s clip for a scene of up to 5 s and a 10 s one
 * for a longer scene (assembly trims). At most {@code max-parallel-scenes} at once.
 */
@Component
class SceneClips implements ChildJobs.Window {

    private final ProductionRows rows;
    private final Storyboards storyboards;
    private final BrandBook brand;
    private final PriceTable prices;
    private final boolean free;
    private final int cap;

    SceneClips(ProductionRows rows, Storyboards storyboards, BrandBook brand, PriceTable prices,
               ProviderProperties provider, ProductionProperties properties) {
        this.rows = rows;
        this.storyboards = storyboards;
        this.brand = brand;
        this.prices = prices;
        this.free = "local".equals(provider.name());
        this.cap = properties.maxParallelScenes();
    }

    static int clipSeconds(int sceneSeconds) {
        return sceneSeconds <= 5 ? 5 : 10;
    }

    @Override
    public int cap() {
        return cap;
    }

    @Override
    public List<ChildJobs.Child> next(UUID parentId, int limit) {
        var pending = rows.toStart(parentId, limit);
        if (pending.isEmpty()) {
            return List.of();
        }
        var production = rows.find(parentId).orElseThrow();
        var content = storyboards.version(production.storyboardId(), production.version()).orElseThrow().content();
        Map<String, Scene> scenes = content.scenes().stream().collect(Collectors.toMap(Scene::id, Function.identity(),
                (a, b) -> a));
        var guidelines = brand.of(production.clientId());
        return pending.stream().map(row -> {
            Scene scene = scenes.get(row.sceneId());
            String motion = scene.motionPrompt() == null || scene.motionPrompt().isBlank() ? scene.description()
                    : scene.motionPrompt();
            MediaRef start = rows.approvedPreview(production.storyboardId(), scene.id())
                    .map(image -> new MediaRef(MediaRef.IMAGE, image)).orElse(null);
            int seconds = clipSeconds(row.durationS());
            var input = new VideoJobInput(motion, null, seconds, "standard", production.aspectRatio(), start,
                    (long) row.position(), guidelines.applyTo(motion),
                    start == null ? guidelines.applyTo(scene.imagePrompt()) : null);
            BigDecimal estimate = prices.video(free, seconds, "standard", start == null);
            return new ChildJobs.Child(JobKind.VIDEO, input, estimate, Integer.toString(row.position()));
        }).toList();
    }

    @Override
    public void started(UUID parentId, ChildJobs.Child child, UUID childId) {
        rows.started(parentId, Integer.parseInt(child.tag()), childId);
    }

    @Override
    public String describe(UUID childId) {
        return rows.sceneOfChild(childId)
                .map(scene -> "scene " + scene.sceneId() + " (position " + scene.position() + "): ").orElse("");
    }
}
