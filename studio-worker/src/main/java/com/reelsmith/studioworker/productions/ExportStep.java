package com.reelsmith.studioworker.productions;

import com.reelsmith.model.ExportJobInput;
import com.reelsmith.platform.jobs.Job;
import com.reelsmith.platform.media.MediaStore;
import com.reelsmith.provider.ProviderException;
import com.reelsmith.studioworker.assembly.AdExporter;
import com.reelsmith.studioworker.assembly.AssemblyException;
import com.reelsmith.studioworker.assembly.ExportFormat;
import com.reelsmith.work.JobStep;
import com.reelsmith.work.ResultRecorder;
import com.reelsmith.work.StepResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.springframework.stereotype.Component;
import tools.jackson.databind.ObjectMapper;

/**
 * An export job: the ad rendered in another container, resolution or aspect ratio, outside any
 * transaction; then its media on the export's row and the job's move to succeeded, together.
 */
@Component
class ExportStep implements JobStep {

    private final ProductionRows rows;
    private final MediaStore store;
    private final AdExporter exporter;
    private final ResultRecorder results;
    private final ObjectMapper json;
    private final AssemblyTimer timer;

    ExportStep(ProductionRows rows, MediaStore store, AdExporter exporter, ResultRecorder results, ObjectMapper json,
               AssemblyTimer timer) {
        this.rows = rows;
        this.store = store;
        this.exporter = exporter;
        this.results = results;
        this.json = json;
        this.timer = timer;
    }

    @Override
    public StepResult start(Job job) {
        return timer.time("export", () -> export(job));
    }

    private StepResult export(Job job) {
        var input = json.readValue(job.input(), ExportJobInput.class);
        var ad = rows.ad(input.adId()).orElseThrow(() -> new ProviderException("ad_not_found",
                "the ad " + input.adId() + " of this export no longer exists", false));
        var format = ExportFormat.valueOf(input.format().toUpperCase(Locale.ROOT));
        Path work = AdAssembly.tempDir(job.id());
        try {
            Path source = work.resolve("ad.mp4");
            try (InputStream in = store.get(ad.storageKey()).getInputStream()) {
                Files.copy(in, source);
            }
            String ratio = input.aspectRatio() == null || input.aspectRatio().equals(ad.aspectRatio()) ? null
                    : input.aspectRatio();
            var file = exporter.export(source, format, input.resolution(), ratio, work.resolve("export." + format.muxer()));
            var stored = store.put(Files.readAllBytes(file.file()), file.contentType());
            var recorded = results.recordResult(job, BigDecimal.ZERO.setScale(4), () -> {
                rows.exported(input.exportId(), file.contentType(), stored.bytes(), file.width(), file.height(),
                        (int) Math.round(file.durationS() * 1000), stored.sha256(), stored.key());
                return input.exportId();
            });
            return new StepResult.Recorded(recorded, format.muxer() + " " + file.width() + "x" + file.height());
        } catch (AssemblyException e) {
            throw new ProviderException("export_failed", "the ad could not be exported: " + e.getMessage(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            AdAssembly.deleteQuietly(work);
        }
    }

    @Override
    public boolean record(Job job, StepResult.Done done) {
        throw new IllegalStateException("an export records its own result");
    }
}
