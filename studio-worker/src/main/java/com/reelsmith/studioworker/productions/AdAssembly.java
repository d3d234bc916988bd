package com.reelsmith.studioworker.productions;

import com.reelsmith.platform.brand.BrandBook;
import com.reelsmith.platform.brand.BrandGuidelines;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.jobs.JobTransitions;
import com.reelsmith.platform.media.MediaStore;
import com.reelsmith.platform.pricing.PriceTable;
import com.reelsmith.platform.storyboards.Scene;
import com.reelsmith.platform.storyboards.StoryboardContent;
import com.reelsmith.platform.storyboards.Storyboards;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.studioworker.assembly.AdAssembler;
import com.reelsmith.studioworker.assembly.AdCut;
import com.reelsmith.studioworker.assembly.AdLook;
import com.reelsmith.studioworker.assembly.AdScene;
import com.reelsmith.studioworker.assembly.AssembledAd;
import com.reelsmith.studioworker.assembly.AssemblyException;
import com.reelsmith.studioworker.music.AudioDirection;
import com.reelsmith.work.GenerationProvider;
import com.reelsmith.work.JobStep;
import com.reelsmith.work.ProviderProperties;
import com.reelsmith.work.ResultRecorder;
import com.reelsmith.work.StepResult;
import com.reelsmith.work.WorkerIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * A production's fan-in: the music bed ({@link ProductionMusic}: kept, composed, or a prediction the
 * job parks on until its webhook hands it back), every scene's clip from the media store, assembly
 * in the brand's look, outside any transaction; then the ad's media and row, the job's move to
 * succeeded (at the assembly's cost plus the music it was charged, what is left of its estimate
 * released) and its event in one transaction.
 */
@Component
class AdAssembly implements JobStep {

    static final String ASSEMBLING = "assembling";
    private static final String HEX = "#[0-9A-Fa-f]{6}";

    private final ProductionRows rows;
    private final Storyboards storyboards;
    private final BrandBook brand;
    private final MediaStore store;
    private final ProductionMusic music;
    private final AdAssembler assembler;
    private final ResultRecorder results;
    private final JobTransitions jobs;
    private final WorkerIdentity worker;
    private final BigDecimal assemblyUsd;
    private final double transitionS;
    private final AssemblyTimer timer;

    AdAssembly(ProductionRows rows, Storyboards storyboards, BrandBook brand, MediaStore store, ProductionMusic music,
               AdAssembler assembler, ResultRecorder results, JobTransitions jobs, WorkerIdentity worker,
               PriceTable prices, ProviderProperties provider, ProductionProperties properties,
               AssemblyTimer timer) {
        this.rows = rows;
        this.storyboards = storyboards;
        this.brand = brand;
        this.store = store;
        this.music = music;
        this.assembler = assembler;
        this.results = results;
        this.jobs = jobs;
        this.worker = worker;
        this.assemblyUsd = ("local".equals(provider.name()) ? BigDecimal.ZERO : prices.assemblyUsd()).setScale(4);
        this.transitionS = properties.transitionS();
        this.timer = timer;
    }

    @Override
    public StepResult start(Job job) {
        var production = rows.find(job.id()).orElseThrow(() -> new ProviderException("production_not_found",
                "job " + job.id() + " has no production row", false));
        var content = storyboards.version(production.storyboardId(), production.version()).orElseThrow().content();
        var scenes = rows.scenes(job.id());
        for (var row : scenes) {
            if (row.clip() == null) {
                throw new ProviderException("scene_missing", "scene " + row.sceneId() + " (position " + row.position()
                        + ") has no clip to assemble", false);
            }
        }
        double duration = scenes.stream().mapToDouble(ProductionRows.SceneRow::durationS).sum();
        var direction = content.direction();
        Path work = tempDir(job.id());
        try {
            jobs.progress(job.id(), worker.id(), 82, ProductionMusic.STAGE);
            var bed = music.forAssembly(job, AudioDirection.from(direction.audioDirection(), direction.tone()), duration,
                    work);
            if (bed instanceof ProductionMusic.Started started) {
                return new StepResult.Waiting(started.predictionId());
            }
            return timer.time("assemble", () -> assemble(job, production, content, scenes, (ProductionMusic.Bed) bed,
                    work));
        } finally {
            deleteQuietly(work);
        }
    }

    /** Handed back while it waits on its music prediction: assembled once the music is in, else it waits on. */
    @Override
    public StepResult poll(Job job, GenerationProvider provider) {
        return music.collect(job) ? start(job) : new StepResult.Waiting(job.predictionId());
    }

    private StepResult assemble(Job job, ProductionRows.Production production, StoryboardContent content,
                                List<ProductionRows.SceneRow> scenes, ProductionMusic.Bed bed, Path work) {
        Map<String, Scene> byId = content.scenes().stream().collect(Collectors.toMap(Scene::id, Function.identity(),
                (a, b) -> a));
        try {
            List<AdScene> cut = new ArrayList<>();
            for (var row : scenes) {
                String key = rows.videoStorageKey(row.clip()).orElseThrow(() -> new ProviderException("scene_missing",
                        "the clip of scene " + row.sceneId() + " is no longer stored", false));
                Path clip = work.resolve("scene-" + row.position() + ".mp4");
                copy(key, clip);
                Scene scene = byId.get(row.sceneId());
                cut.add(new AdScene(clip, row.durationS(), scene == null ? null : scene.onScreenText()));
            }
            var direction = content.direction();
            jobs.progress(job.id(), worker.id(), 88, ASSEMBLING);
            var guidelines = brand.of(production.clientId());
            AssembledAd ad = assembler.assemble(new AdCut(cut, production.aspectRatio(), look(production.clientId(),
                    guidelines), direction.callToAction(), bed.file(), transitionS), work.resolve("ad.mp4"));
            byte[] bytes = Files.readAllBytes(ad.file());
            var stored = store.put(bytes, "video/mp4");
            UUID adId = UUID.randomUUID();
            // the production's own cost: its assembly and what it was charged for music (a bed it reused cost nothing)
            BigDecimal charged = jobs.find(job.id()).map(Job::costUsd).orElse(null);
            BigDecimal cost = assemblyUsd.add(charged == null ? BigDecimal.ZERO : charged);
            UUID recorded = results.recordResult(job, cost, true, () -> {
                rows.insertAd(adId, production, production.aspectRatio(), "video/mp4", stored.bytes(), ad.width(),
                        ad.height(), (int) Math.round(ad.durationS() * 1000), stored.sha256(), stored.key(), bed.source());
                return adId;
            });
            return new StepResult.Recorded(recorded, "ad of " + cut.size() + " scenes, "
                    + String.format("%.1f", ad.durationS()) + " s, " + ad.width() + "x" + ad.height());
        } catch (AssemblyException e) {
            throw new ProviderException("assembly_failed", "the ad could not be assembled: " + e.getMessage(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean record(Job job, StepResult.Done done) {
        throw new IllegalStateException("a production records its own result");
    }

    /** The brand's first colour as the accent, white text, its first font, its logo asset when it has one. */
    private AdLook look(UUID clientId, BrandGuidelines guidelines) {
        String primary = guidelines.colors().stream().filter(c -> c.matches(HEX)).findFirst().orElse(null);
        String font = guidelines.fonts().isEmpty() ? null : guidelines.fonts().get(0);
        return new AdLook(primary, "#FFFFFF", font, logo(clientId, guidelines.logoAssetId()));
    }

    private byte[] logo(UUID clientId, String assetId) {
        if (assetId == null) {
            return null;
        }
        try {
            var key = rows.assetStorageKey(clientId, UUID.fromString(assetId.trim()));
            if (key.isEmpty()) {
                return null;
            }
            try (InputStream in = store.get(key.get()).getInputStream()) {
                return in.readAllBytes();
            }
        } catch (IllegalArgumentException | IOException e) {
            return null; // a logo named by something other than an asset id: no end card logo rather than no ad
        }
    }

    private void copy(String key, Path to) throws IOException {
        try (InputStream in = store.get(key).getInputStream()) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static Path tempDir(UUID jobId) {
        try {
            return Files.createTempDirectory("reelsmith-" + jobId + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp directory left behind is the OS's to clean
        }
    }
}
