package com.reelsmith.gateway.reports;

import com.reelsmith.gateway.auth.Caller;
import com.reelsmith.gateway.campaigns.CampaignAccess;
import com.reelsmith.gateway.clients.ClientRepository;
import com.reelsmith.gateway.system.ApiException;
import com.reelsmith.gateway.system.Refuses;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Reports of a client or campaign: stats, spend over time (JSON or CSV) and the performance figures
 * clients post back for their videos. A client sees its own, an admin everyone's; others' ids are
 * not found.
 */
@RestController
class ReportController {

    record Stats(UUID clientId, UUID campaignId, List<StatsQueries.JobCount> jobs, List<StatsQueries.MediaCount> media,
                 BigDecimal spendUsd, List<StatsQueries.AverageCost> averageCosts) {
    }

    record SpendReport(UUID clientId, UUID campaignId, Instant from, Instant to, String groupBy, String currency,
                       BigDecimal totalUsd, List<SpendQueries.SpendRow> rows) {
    }

    /** One day's figures of a video; day defaults to today (UTC); the same day posted again replaces it. */
    record PerformanceBody(LocalDate day, Long views, Long clicks, Long conversions) {
    }

    record CampaignPerformance(UUID campaignId, PerformanceQueries.Figures totals, List<PerformanceQueries.Figures> items) {
    }

    private static final long MAX_FIGURE = 1_000_000_000_000L;
    private static final String CSV = "text/csv";

    private final CampaignAccess campaigns;
    private final ClientRepository clients;
    private final StatsQueries stats;
    private final SpendQueries spend;
    private final PerformanceQueries performance;

    ReportController(CampaignAccess campaigns, ClientRepository clients, StatsQueries stats, SpendQueries spend,
                     PerformanceQueries performance) {
        this.campaigns = campaigns;
        this.clients = clients;
        this.stats = stats;
        this.spend = spend;
        this.performance = performance;
    }

    @GetMapping("/api/v2/clients/{id}/stats")
    Stats clientStats(Caller caller, @PathVariable UUID id) {
        return statsOf(visibleClient(caller, id), null);
    }

    @GetMapping("/api/v2/campaigns/{id}/stats")
    Stats campaignStats(Caller caller, @PathVariable UUID id) {
        var campaign = campaigns.visible(caller, id);
        return statsOf(campaign.clientId(), campaign.id());
    }

    @GetMapping("/api/v2/clients/{id}/spend")
    @ApiResponse(responseCode = "200", description = "spend per day, model or campaign; CSV with Accept: text/csv or format=csv",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = SpendReport.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = "string"))})
    ResponseEntity<Object> clientSpend(Caller caller, @PathVariable UUID id,
                                       @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                       @RequestParam(name = "group_by", required = false) String groupBy,
                                       @RequestParam(required = false) String format,
                                       HttpServletRequest request) {
        UUID client = visibleClient(caller, id);
        return spendOf(ReportScope.client(client), client, null, from, to, groupBy, format, request.getHeader("Accept"));
    }

    @GetMapping("/api/v2/campaigns/{id}/spend")
    @ApiResponse(responseCode = "200", description = "spend per day, model or campaign; CSV with Accept: text/csv or format=csv",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = SpendReport.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = "string"))})
    ResponseEntity<Object> campaignSpend(Caller caller, @PathVariable UUID id,
                                         @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                         @RequestParam(name = "group_by", required = false) String groupBy,
                                         @RequestParam(required = false) String format,
                                         HttpServletRequest request) {
        var campaign = campaigns.visible(caller, id);
        return spendOf(ReportScope.campaign(campaign.id()), campaign.clientId(), campaign.id(), from, to, groupBy, format, request.getHeader("Accept"));
    }

    @PostMapping("/api/v2/jobs/{id}/performance")
    @Refuses({409, 422})
    PerformanceQueries.Figures postPerformance(Caller caller, @PathVariable UUID id, @RequestBody PerformanceBody body) {
        var job = performance.job(id).filter(j -> caller.canSee(j.clientId()))
                .orElseThrow(() -> ApiException.notFound("job", id));
        if ("image".equals(job.kind()) || "storyboard".equals(job.kind())) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "not_a_video",
                    "performance figures are for videos and ads; this job is a " + job.kind() + " job", null);
        }
        if (!"succeeded".equals(job.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "job_not_finished",
                    "the job is " + job.status() + "; report figures once its video is done", null);
        }
        long views = figure("views", body.views(), true);
        long clicks = figure("clicks", body.clicks(), true);
        long conversions = figure("conversions", body.conversions(), false);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate day = body.day() == null ? today : body.day();
        if (day.isAfter(today)) {
            throw ApiException.invalid("day", "day must not be in the future (UTC)");
        }
        performance.record(job, day, views, clicks, conversions);
        return performance.ofJob(job.id());
    }

    @GetMapping("/api/v2/jobs/{id}/performance")
    PerformanceQueries.Figures jobPerformance(Caller caller, @PathVariable UUID id) {
        var job = performance.job(id).filter(j -> caller.canSee(j.clientId()))
                .orElseThrow(() -> ApiException.notFound("job", id));
        return performance.ofJob(job.id());
    }

    @GetMapping("/api/v2/campaigns/{id}/performance")
    CampaignPerformance campaignPerformance(Caller caller, @PathVariable UUID id) {
        var campaign = campaigns.visible(caller, id);
        var items = performance.ofCampaign(campaign.id());
        long views = items.stream().mapToLong(PerformanceQueries.Figures::views).sum();
        long clicks = items.stream().mapToLong(PerformanceQueries.Figures::clicks).sum();
        long conversions = items.stream().mapToLong(PerformanceQueries.Figures::conversions).sum();
        return new CampaignPerformance(campaign.id(), PerformanceQueries.Figures.of(null, views, clicks, conversions), items);
    }

    private Stats statsOf(UUID clientId, UUID campaignId) {
        var scope = campaignId == null ? ReportScope.client(clientId) : ReportScope.campaign(campaignId);
        return new Stats(clientId, campaignId, stats.jobs(scope), stats.media(scope), stats.spend(scope), stats.averages(scope));
    }

    private ResponseEntity<Object> spendOf(ReportScope scope, UUID clientId, UUID campaignId, String fromText,
                                           String toText, String groupByText, String format, String accept) {
        Instant to = toText == null ? LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)
                : instant("to", toText);
        Instant from = fromText == null ? to.minus(java.time.Duration.ofDays(30)) : instant("from", fromText);
        if (!from.isBefore(to)) {
            throw ApiException.invalid("from", "from must be before to");
        }
        SpendQueries.GroupBy groupBy;
        try {
            groupBy = groupByText == null ? SpendQueries.GroupBy.DAY
                    : SpendQueries.GroupBy.valueOf(groupByText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("group_by", "group_by must be day, model or campaign");
        }
        if (format != null && !format.equals("json") && !format.equals("csv")) {
            throw ApiException.invalid("format", "format must be json or csv");
        }
        var rows = spend.spend(scope, from, to, groupBy);
        BigDecimal total = rows.stream().map(SpendQueries.SpendRow::costUsd).reduce(BigDecimal.ZERO.setScale(4), BigDecimal::add);
        boolean csv = "csv".equals(format) || (format == null && accept != null && accept.contains(CSV));
        if (csv) {
            StringBuilder out = new StringBuilder(groupBy.name().toLowerCase(Locale.ROOT)).append(",label,cost_usd,jobs\n");
            rows.forEach(r -> out.append(cell(r.key())).append(',').append(cell(r.label())).append(',')
                    .append(r.costUsd().toPlainString()).append(',').append(r.jobs()).append('\n'));
            return ResponseEntity.ok().contentType(MediaType.parseMediaType(CSV + ";charset=UTF-8")).body(out.toString());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(new SpendReport(clientId, campaignId,
                from, to, groupBy.name().toLowerCase(Locale.ROOT), "USD", total, rows));
    }

    private UUID visibleClient(Caller caller, UUID id) {
        return clients.find(id).filter(c -> caller.canSee(c.id())).map(ClientRepository.ClientRow::id)
                .orElseThrow(() -> ApiException.notFound("client", id));
    }

    /** A date (the start of that day, UTC) or an instant (2026-11-01T00:00:00Z). */
    private static Instant instant(String field, String text) {
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, field + " must be a date (2026-11-01) or an instant (2026-11-01T00:00:00Z)");
        }
    }

    private static long figure(String field, Long value, boolean required) {
        if (value == null) {
            if (required) {
                throw ApiException.missing(field);
            }
            return 0;
        }
        if (value < 0 || value > MAX_FIGURE) {
            throw ApiException.invalid(field, field + " must be a whole number from 0 to " + MAX_FIGURE);
        }
        return value;
    }

    /** A CSV cell: quoted when needed, and never read as a formula by a spreadsheet. */
    private static String cell(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        return safe.matches(".*[,\"\n\r].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
