package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reelsmith over its HTTP API, against the floor of this machine measured in the same run
 * (../shared/bench/floor/run): the built gateway and image worker start as processes on a fresh
 * database, C client threads drive POST /generate/image, and every figure is printed next to the
 * floor's with their ratio. End-to-end figures come from the database's own timestamps
 * (jobs.created_at .. finished_at). See docs/PERFORMANCE.md for what each line means.
 */
public final class Bench {

    static int n = 20_000, c = 8, w = 4, warmup = 2_000, rateN = 8_000, scaleN = 3_000, listRows = 1_000_000;
    static double rate = 400;
    static String parts = "floor,accept,e2e,rate,scale,memory,auth,lists,coldstart";
    /** replicate: jobs carry Replicate's estimates (the production path); local: free, nothing reserved. */
    static String gatewayPricing = "replicate";
    static String scaleLatency = "50ms";
    static String gatewayJvm = "-Xmx512m -XX:+UseParallelGC";
    static String workerJvm = "-Xmx256m -XX:+UseParallelGC";
    /** An idle worker's flags: what a fleet of mostly idle workers would run with (memory, not speed). */
    static String idleWorkerJvm = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:ReservedCodeCacheSize=48m";
    static String jfr = null;

    static final String DB_ADMIN = env("BENCH_DATABASE_ADMIN_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String DB_NAME = "reelsmith_bench";
    static final String DB_URL = DB_ADMIN.replaceFirst("/[^/?]+(\\?|$)", "/" + DB_NAME + "$1");
    static final String ADMIN_KEY = "sk_benchadmin0001_" + "A".repeat(40);
    static final String PREFIX = "reelsmith-bench";

    final Path repo;
    final Path work;
    final Map<String, Object> floor = new LinkedHashMap<>();
    final List<String[]> rows = new ArrayList<>();
    Service gateway;
    final List<Service> workers = new ArrayList<>();
    String clientKey;
    UUID campaign, budgetCampaign;

    Bench(Path repo, Path work) {
        this.repo = repo;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        parseFlags(args);
        Path repo = Path.of(env("REELSMITH_REPO", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("reelsmith-bench-");
        Bench bench = new Bench(repo, work);
        int exit = 0;
        try {
            bench.run();
        } catch (Throwable e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            bench.stopAll();
            System.out.println("service logs: " + work);
        }
        System.exit(exit);
    }

    void run() throws Exception {
        System.out.printf("reelsmith bench  N=%d C=%d W=%d warmup=%d rate=%.0f/s x %d  cores=%d  java %s%n", n, c, w, warmup,
                rate, rateN, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        if (has("floor")) {
            runFloor();
        }
        if (has("accept") || has("e2e") || has("rate") || has("scale") || has("memory") || has("auth") || has("lists")) {
            freshDatabase();
            Broker.deleteQueues(PREFIX);
            startGateway();
            setUp();
            if (has("accept")) {
                acceptPart();
            }
            if (has("e2e") || has("rate")) {
                startWorker(Duration.ZERO);
                awaitAllSucceeded(Duration.ofMinutes(10));
                e2ePart();
            }
            if (has("scale")) {
                scalePart();
            }
            if (has("memory")) {
                memoryPart();
            }
            if (has("auth")) {
                authPart();
            }
            if (has("lists")) {
                listsPart();
            }
            stopAll();
            Broker.deleteQueues(PREFIX);
        }
        if (has("coldstart")) {
            coldStartPart();
        }
        printReport();
    }

    // ------------------------------------------------------------------ floor

    void runFloor() throws Exception {
        Path script = Path.of(env("FLOOR", repo.resolve("../shared/bench/floor/run").toString()));
        Path all = work.resolve("floor.json"), paced = work.resolve("floor-rate.json");
        exec(List.of(script.toString(), "--n", "" + n, "--c", "" + c, "--w", "" + w, "--json", all.toString()));
        exec(List.of(script.toString(), "--scenarios", "e2e", "--rate", "" + rate, "--n", "" + rateN, "--c", "" + c,
                "--w", "" + w, "--json", paced.toString()));
        for (String line : Files.readAllLines(all)) {
            String scenario = jsonString(line, "scenario");
            floor.put(scenario + ".tps", jsonNumber(line, "throughput_per_s"));
            floor.put(scenario + ".p50", jsonNumber(line, "p50_ms"));
            floor.put(scenario + ".p99", jsonNumber(line, "p99_ms"));
        }
        String line = Files.readAllLines(paced).get(0);
        floor.put("rate.p50", jsonNumber(line, "p50_ms"));
        floor.put("rate.p99", jsonNumber(line, "p99_ms"));
        System.out.printf("floor: accept %.0f txn/s (p99 %.1f ms), e2e %.0f jobs/s, at %.0f/s p50 %.1f ms p99 %.1f ms%n",
                floor.get("accept.tps"), floor.get("accept.p99"), floor.get("e2e.tps"), rate, floor.get("rate.p50"),
                floor.get("rate.p99"));
    }

    /** A floor figure of this run; NaN when the floor was not part of it. */
    double floor(String figure) {
        Object v = floor.get(figure);
        return v == null ? Double.NaN : (double) v;
    }

    // ------------------------------------------------------------------ the system

    void freshDatabase() throws SQLException {
        try (Connection db = DriverManager.getConnection(DB_ADMIN, "postgres", ""); Statement st = db.createStatement()) {
            st.execute("drop database if exists " + DB_NAME + " with (force)");
            st.execute("create database " + DB_NAME);
        }
    }

    Map<String, String> commonEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DATABASE_URL", DB_URL);
        env.put("AMQP_PREFIX", PREFIX);
        env.put("MEDIA_DIR", work.resolve("media").toString());
        env.put("MEDIA_SIGNING_KEY", "bench-signing-key-bench-signing-key");
        return env;
    }

    void startGateway() throws Exception {
        Map<String, String> env = commonEnv();
        int port = Service.freePort();
        env.put("SERVER_PORT", "" + port);
        env.put("MANAGEMENT_PORT", "" + Service.freePort());
        env.put("ADMIN_API_KEY", ADMIN_KEY);
        env.put("RATE_LIMIT_IMAGE_PER_MINUTE", "100000000");
        // priced as in production (Replicate's prices): every accept reserves its estimate against the
        // campaign's budget, as a paying client's does. The gateway calls no provider; the workers stay local
        gateway = Service.start("gateway", Service.jar(repo, "api-gateway", "api-gateway.jar"), jvm(gatewayJvm, "gateway"),
                env, port, List.of("--reelsmith.provider.name=" + gatewayPricing), work);
        double s = gateway.awaitHealthy("/readyz", Duration.ofSeconds(90));
        System.out.printf("gateway ready in %.1f s (port %d)%n", s, port);
        managementPort = Integer.parseInt(env.get("MANAGEMENT_PORT"));
    }

    int managementPort;

    Service startWorker(Duration providerLatency) throws Exception {
        return startWorker(providerLatency, workerJvm);
    }

    Service startWorker(Duration providerLatency, String flags) throws Exception {
        Map<String, String> env = commonEnv();
        int port = Service.freePort();
        env.put("WORKER_PORT", "" + port);
        env.put("WORKER_CONCURRENCY", "" + w);
        env.put("LOCAL_PROVIDER_LATENCY", providerLatency.toMillis() + "ms");
        String name = "image-worker-" + (workers.size() + 1);
        Service worker = Service.start(name, Service.jar(repo, "image-worker", "image-worker.jar"), jvm(flags, name), env,
                port, List.of("--reelsmith.provider.local-image-long-side=16"), work);
        workers.add(worker);
        worker.awaitHealthy("/actuator/health", Duration.ofSeconds(90));
        return worker;
    }

    List<String> jvm(String flags, String name) {
        List<String> list = new ArrayList<>(Arrays.asList(flags.trim().split("\\s+")));
        list.removeIf(String::isEmpty);
        if (jfr != null) {
            list.add("-XX:StartFlightRecording=filename=" + Path.of(jfr).toAbsolutePath().resolve(name + ".jfr") + ",settings=profile");
        }
        return list;
    }

    void setUp() throws Exception {
        try (Connection db = DriverManager.getConnection(DB_URL, "postgres", ""); Statement st = db.createStatement()) {
            // the bench's own polling needs it (V5 has it; a build from before V5 gets the same index)
            st.execute("create index if not exists jobs_client_status_newest on jobs (client_id, status, created_at desc, id desc)");
        }
        Api api = new Api(gateway.port);
        String client = api.expect(201, api.post("/api/v2/clients", ADMIN_KEY, "{\"name\": \"Bench\"}"));
        String clientId = Api.field(client, "id");
        clientKey = Api.field(api.expect(201, api.post("/api/v2/clients/" + clientId + "/api-keys", ADMIN_KEY,
                "{\"name\": \"bench\"}")), "api_key");
        campaign = UUID.fromString(Api.field(api.expect(201, api.post("/api/v2/campaigns", clientKey,
                "{\"name\": \"no budget\"}")), "id"));
        budgetCampaign = UUID.fromString(Api.field(api.expect(201, api.post("/api/v2/campaigns", clientKey,
                "{\"name\": \"with budget\", \"budget_usd\": 1000000}")), "id"));
        submit(warmup, campaign, 0); // JIT, pools, plan caches: not reported
        submit(warmup, budgetCampaign, 0);
    }

    // ------------------------------------------------------------------ parts

    void acceptPart() throws Exception {
        for (var target : List.of(Map.entry("no budget", campaign), Map.entry("budget", budgetCampaign))) {
            checkpoint();
            double gateway0 = gateway.cpuSeconds();
            Load load = submit(n, target.getValue(), 0);
            double gatewayPerRequest = (gateway.cpuSeconds() - gateway0) / n * 1000;
            row("accept (" + target.getKey() + ")", "jobs/s", load.throughput(), floor("accept.tps"), 0.35);
            rows.add(new String[] {"accept (" + target.getKey() + ") p99", "ms", f(load.p99Ms()), f(floor("accept.p99")),
                    "", load.p99Ms() <= 20 ? "met (<= 20 ms)" : "NOT met (<= 20 ms)"});
            System.out.printf("accept %s: %.0f jobs/s, p50 %.2f ms, p99 %.2f ms; gateway CPU %.3f ms per request%n",
                    target.getKey(), load.throughput(), load.p50Ms(), load.p99Ms(), gatewayPerRequest);
            rows.add(new String[] {"gateway CPU per accepted request (" + target.getKey() + ")", "ms", f(gatewayPerRequest), "",
                    "", ""});
        }
    }

    void e2ePart() throws Exception {
        if (has("e2e")) {
            checkpoint();
            double cpu0 = cpu(), machine0 = machineCpu(), db0 = processCpu("postgres"), broker0 = processCpu("beam.smp");
            Load load = submit(n, campaign, 0);
            awaitAllSucceeded(Duration.ofMinutes(10));
            Timing t = timing(load.firstSubmit);
            double cpuPerJob = (cpu() - cpu0) / n * 1000;
            double machinePerJob = (machineCpu() - machine0) / n * 1000;
            row("end to end", "jobs/s", t.throughput, floor("e2e.tps"), 0.5);
            System.out.printf("e2e: %.0f jobs/s, submit->succeeded p50 %.1f ms p99 %.1f ms; %.3f ms CPU per job (gateway + worker)%n",
                    t.throughput, t.p50, t.p99, cpuPerJob);
            rows.add(new String[] {"CPU per job (gateway + 1 worker)", "ms", f(cpuPerJob), "", "", ""});
            rows.add(new String[] {"CPU per job (whole machine, client included)", "ms", f(machinePerJob), "", "", ""});
            rows.add(new String[] {"CPU per job: PostgreSQL / RabbitMQ", "ms", f((processCpu("postgres") - db0) / n * 1000)
                    + " / " + f((processCpu("beam.smp") - broker0) / n * 1000), "", "", ""});
        }
        if (has("rate")) {
            checkpoint();
            Load load = submit(rateN, campaign, rate);
            awaitAllSucceeded(Duration.ofMinutes(10));
            Timing t = timing(load.firstSubmit);
            System.out.printf("at %.0f/s (offered %.0f/s): p50 %.1f ms, p99 %.1f ms%n", rate, load.throughput(), t.p50, t.p99);
            row("at " + (int) rate + "/s: p50", "ms", t.p50, floor("rate.p50"), -5);
            row("at " + (int) rate + "/s: p99", "ms", t.p99, floor("rate.p99"), -10);
        }
    }

    /** One and two worker instances with a provider that takes time, as Replicate does (I/O bound, not CPU). */
    void scalePart() throws Exception {
        stopWorkers();
        Duration latency = Duration.parse("PT" + scaleLatency.replace("ms", "").trim() + "S").dividedBy(1000);
        startWorker(latency);
        double one = scaleRun("1 worker");
        startWorker(latency);
        double two = scaleRun("2 workers");
        rows.add(new String[] {"2nd worker adds (provider " + scaleLatency + ")", "%", f((two / one - 1) * 100), "", "",
                two / one - 1 >= 0.6 ? "met (>= 60%)" : "NOT met (>= 60%)"});
        stopWorkers();
    }

    double scaleRun(String label) throws Exception {
        checkpoint();
        double cpu0 = cpu();
        Load load = submit(scaleN, campaign, 0);
        awaitAllSucceeded(Duration.ofMinutes(10));
        Timing t = timing(load.firstSubmit);
        double cpuPerJob = (cpu() - cpu0) / scaleN * 1000;
        System.out.printf("scale, %s (provider %s): %.0f jobs/s, p50 %.0f ms; %.3f ms CPU per job%n", label, scaleLatency,
                t.throughput, t.p50, cpuPerJob);
        rows.add(new String[] {"end to end, " + label + ", provider " + scaleLatency, "jobs/s", f(t.throughput), "", "",
                "CPU/job " + f(cpuPerJob) + " ms"});
        return t.throughput;
    }

    void memoryPart() throws Exception {
        rows.add(new String[] {"RSS gateway after the runs", "MiB", f(gateway.rssMib()), "", "", gatewayJvm});
        stopWorkers();
        Service idle = startWorker(Duration.ZERO, idleWorkerJvm);
        Thread.sleep(15_000);
        double rss = idle.rssMib();
        rows.add(new String[] {"RSS idle image worker", "MiB", f(rss), "", "", (rss <= 256 ? "met" : "NOT met") + " (<= 256 MB) "
                + idleWorkerJvm});
    }

    /** Wall time inside authentication per request, as the gateway's own timer measures it. */
    void authPart() throws Exception {
        Api api = new Api(gateway.port);
        api.expect(200, api.get("/api/v2/campaigns/" + campaign, clientKey)); // the first: a bcrypt round or the cache
        double[] before = authTimer();
        int requests = 20_000;
        AtomicInteger next = new AtomicInteger();
        parallel(c, t -> {
            while (next.getAndIncrement() < requests) {
                api.expect(200, api.get("/api/v2/campaigns/" + campaign, clientKey));
            }
        });
        double[] after = authTimer();
        double micros = (after[1] - before[1]) / (after[0] - before[0]) * 1e6;
        rows.add(new String[] {"auth per request after the first", "µs", f(micros), "", "",
                micros <= 50 ? "met (<= 50 µs)" : "NOT met (<= 50 µs)"});
    }

    double[] authTimer() throws Exception {
        Api management = new Api(managementPort);
        String text = management.get("/actuator/prometheus", "").body();
        return new double[] {promValue(text, "reelsmith_auth_seconds_count"), promValue(text, "reelsmith_auth_seconds_sum")};
    }

    void listsPart() throws Exception {
        long t0 = System.nanoTime();
        try (Connection db = DriverManager.getConnection(DB_URL, "postgres", ""); Statement st = db.createStatement()) {
            st.execute("""
                    insert into jobs (id, client_id, campaign_id, kind, status, input, correlation_id, created_at,
                                      finished_at, attempts)
                    select gen_random_uuid(), c.client_id, c.id, 'image', 'succeeded', '{"prompt": "bulk"}',
                           gen_random_uuid(), now() - make_interval(secs => g), now() - make_interval(secs => g), 1
                    from campaigns c, generate_series(1, %d) g where c.id = '%s'
                    """.formatted(listRows, campaign));
            st.execute("""
                    insert into generated_images (id, job_id, client_id, campaign_id, prompt, provider, content_type,
                                                  bytes, width, height, sha256, storage_key, created_at)
                    select gen_random_uuid(), j.id, j.client_id, j.campaign_id, 'bulk', 'local', 'image/png', 100, 16, 16,
                           'x', 'bulk/' || j.id, j.created_at
                    from jobs j where j.input->>'prompt' = 'bulk'
                    """);
            st.execute("vacuum analyze jobs");
            st.execute("vacuum analyze generated_images");
            st.execute("checkpoint"); // the million rows' writes are not left to land during the timing
        }
        System.out.printf("lists: %,d jobs and images inserted in %.0f s%n", listRows, (System.nanoTime() - t0) / 1e9);
        Api api = new Api(gateway.port);
        Map<String, String> lists = new LinkedHashMap<>();
        lists.put("GET /jobs", "/api/v2/jobs?limit=50");
        lists.put("GET /jobs?campaign_id", "/api/v2/jobs?limit=50&campaign_id=" + campaign);
        lists.put("GET /jobs?status=failed (none)", "/api/v2/jobs?limit=50&status=failed");
        lists.put("GET /campaigns/{id}/generated-images", "/api/v2/campaigns/" + campaign + "/generated-images?limit=50");
        for (var list : lists.entrySet()) {
            for (int i = 0; i < 50; i++) { // warm-up: JIT and the pages of the freshly inserted rows, not reported
                api.expect(200, api.get(list.getValue(), clientKey));
            }
            long[] latency = new long[200];
            String cursor = null;
            for (int i = 0; i < latency.length; i++) {
                String path = list.getValue() + (cursor == null ? "" : "&cursor=" + cursor);
                long s = System.nanoTime();
                String body = api.expect(200, api.get(path, clientKey));
                latency[i] = System.nanoTime() - s;
                Matcher m = Pattern.compile("\"next_cursor\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
                cursor = m.find() && i % 20 != 19 ? m.group(1) : null; // pages 1..20 deep, then again
            }
            Arrays.sort(latency);
            double p99 = latency[(int) Math.ceil(0.99 * latency.length) - 1] / 1e6;
            double p50 = latency[latency.length / 2] / 1e6;
            rows.add(new String[] {"p99 " + list.getKey() + " at 1M jobs", "ms", f(p99), "", "",
                    (p99 <= 20 ? "met (<= 20 ms)" : "NOT met (<= 20 ms)") + "; p50 " + f(p50) + " ms"});
        }
    }

    void coldStartPart() throws Exception {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("REELSMITH_DATA", work.resolve("standalone-data").toString());
        int port = Service.freePort();
        env.put("SERVER_PORT", "" + port);
        env.put("MANAGEMENT_PORT", "" + Service.freePort());
        try (Service standalone = Service.start("standalone", Service.jar(repo, "standalone", "reelsmith.jar"), List.of(), env,
                port, List.of(), work)) {
            double s = standalone.awaitHealthy("/readyz", Duration.ofSeconds(120));
            rows.add(new String[] {"standalone cold start (first start)", "s", f(s), "", "", s <= 15 ? "met (<= 15 s)"
                    : "NOT met (<= 15 s)"});
        }
    }

    // ------------------------------------------------------------------ load

    /** What C threads submitting did: per-request latency and the span of the submissions. */
    record Load(long[] latency, long firstSubmit, long wallNanos) {
        double throughput() {
            return latency.length / (wallNanos / 1e9);
        }

        double p50Ms() {
            return latency[(int) Math.ceil(0.50 * latency.length) - 1] / 1e6;
        }

        double p99Ms() {
            return latency[(int) Math.ceil(0.99 * latency.length) - 1] / 1e6;
        }
    }

    /** count jobs from C threads, flat out (perSecond 0) or paced over all threads. */
    Load submit(int count, UUID into, double perSecond) throws Exception {
        Api api = new Api(gateway.port);
        long[] latency = new long[count];
        AtomicInteger next = new AtomicInteger();
        long firstSubmit = dbNow();
        long t0 = System.nanoTime();
        parallel(c, t -> {
            for (int i; (i = next.getAndIncrement()) < count; ) {
                if (perSecond > 0) {
                    LockSupport.parkNanos(t0 + (long) (i * 1e9 / perSecond) - System.nanoTime());
                }
                long s = System.nanoTime();
                api.submitImage(clientKey, into, i);
                latency[i] = System.nanoTime() - s;
            }
        });
        long wall = System.nanoTime() - t0;
        Arrays.sort(latency);
        return new Load(latency, firstSubmit, wall);
    }

    /** Throughput and latency of the jobs created since a moment, by the database's clock. */
    record Timing(double throughput, double p50, double p99) {
    }

    Timing timing(long sinceMicros) throws SQLException {
        try (Connection db = DriverManager.getConnection(DB_URL, "postgres", ""); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("""
                     select count(*), extract(epoch from max(finished_at) - min(created_at)),
                            percentile_cont(0.5) within group (order by extract(epoch from finished_at - created_at)),
                            percentile_cont(0.99) within group (order by extract(epoch from finished_at - created_at))
                     from jobs where created_at >= to_timestamp(%d / 1e6) and status = 'succeeded'
                     """.formatted(sinceMicros))) {
            rs.next();
            return new Timing(rs.getLong(1) / rs.getDouble(2), rs.getDouble(3) * 1000, rs.getDouble(4) * 1000);
        }
    }

    long dbNow() throws SQLException {
        try (Connection db = DriverManager.getConnection(DB_URL, "postgres", ""); Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("select (extract(epoch from clock_timestamp()) * 1e6)::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Polls every 20 ms with queries the indexes answer (a count over the whole table every few
     * milliseconds would itself keep PostgreSQL busy and slow down what is measured).
     */
    void awaitAllSucceeded(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection db = DriverManager.getConnection(DB_URL, "postgres", "");
             var unfinished = db.prepareStatement("""
                     select count(*) from jobs where client_id = (select client_id from campaigns where id = ?)
                       and status in ('queued', 'running', 'waiting', 'retrying')""");
             var failed = db.prepareStatement("""
                     select count(*) from jobs where client_id = (select client_id from campaigns where id = ?)
                       and status in ('failed', 'canceled')""")) {
            failed.setObject(1, campaign);
            unfinished.setObject(1, campaign);
            while (true) {
                try (ResultSet rs = unfinished.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        break;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("jobs still unfinished after " + timeout);
                }
                Thread.sleep(20);
            }
            try (ResultSet rs = failed.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    throw new IllegalStateException(rs.getLong(1) + " jobs failed or were canceled");
                }
            }
        }
    }

    void checkpoint() throws SQLException {
        try (Connection db = DriverManager.getConnection(DB_URL, "postgres", ""); Statement st = db.createStatement()) {
            st.execute("checkpoint");
        }
    }

    /** CPU seconds the whole machine spent (all processes: database, broker, this client too), from /proc/stat. */
    static double machineCpu() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long busy = 0;
        for (int i : new int[] {1, 2, 3, 6, 7, 8}) { // user nice system irq softirq steal
            busy += Long.parseLong(f[i]);
        }
        return busy / 100.0;
    }

    /** CPU seconds of every process with this command name (postgres, beam.smp), from /proc. */
    static double processCpu(String command) throws IOException {
        double total = 0;
        try (var procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    if (name.equals(command)) {
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        total += (Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return total;
    }

    double cpu() throws IOException {
        double total = gateway.cpuSeconds();
        for (Service worker : workers) {
            total += worker.cpuSeconds();
        }
        return total;
    }

    // ------------------------------------------------------------------ report

    /** target > 0: at least target x floor; target < 0: at most -target x floor. */
    void row(String what, String unit, double value, double floorValue, double target) {
        double ratio = value / floorValue;
        String verdict = target == 0 || Double.isNaN(ratio) ? "" : target > 0
                ? (ratio >= target ? "met" : "NOT met") + " (>= " + target + "x)"
                : (ratio <= -target ? "met" : "NOT met") + " (<= " + (-target) + "x)";
        rows.add(new String[] {what, unit, f(value), f(floorValue), String.format(Locale.ROOT, "%.2fx", ratio), verdict});
    }

    void printReport() {
        System.out.printf("%n%-44s %-7s %12s %12s %8s  %s%n", "figure", "unit", "reelsmith", "floor", "ratio", "target");
        for (String[] r : rows) {
            System.out.printf("%-44s %-7s %12s %12s %8s  %s%n", (Object[]) r);
        }
    }

    static String f(double v) {
        return Double.isNaN(v) ? "-" : v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    // ------------------------------------------------------------------ plumbing

    void stopWorkers() throws InterruptedException {
        for (Service worker : workers) {
            worker.close();
        }
        workers.clear();
    }

    void stopAll() throws InterruptedException {
        stopWorkers();
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
    }

    static void exec(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    interface Body {
        void run(int thread) throws Exception;
    }

    static void parallel(int threads, Body body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    body.run(id);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static double promValue(String text, String metric) {
        double sum = 0;
        for (String line : text.split("\n")) {
            if (line.startsWith(metric + " ") || line.startsWith(metric + "{")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    static String jsonString(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }

    static double jsonNumber(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\\s*([0-9.eE+-]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return Double.parseDouble(m.group(1));
    }

    boolean has(String part) {
        return Arrays.asList(parts.split(",")).contains(part);
    }

    static String env(String name, String def) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? def : v;
    }

    static void parseFlags(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                System.out.println("""
                        bench/run [--n 20000] [--c 8] [--w 4] [--warmup 2000] [--rate 400] [--rate-n 8000]
                                  [--scale-n 3000] [--scale-latency 50ms] [--list-rows 1000000]
                                  [--parts floor,accept,e2e,rate,scale,memory,auth,lists,coldstart]
                                  [--gateway-jvm "FLAGS"] [--worker-jvm "FLAGS"] [--idle-worker-jvm "FLAGS"]
                                  [--jfr DIR] [--pricing replicate|local] [--no-build]
                        env: BENCH_DATABASE_ADMIN_URL (jdbc:postgresql://127.0.0.1:5432/postgres), FLOOR (../shared/bench/floor/run)""");
                System.exit(0);
            }
            String v = args[++i];
            switch (flag) {
                case "--n" -> n = Integer.parseInt(v);
                case "--c" -> c = Integer.parseInt(v);
                case "--w" -> w = Integer.parseInt(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--rate" -> rate = Double.parseDouble(v);
                case "--rate-n" -> rateN = Integer.parseInt(v);
                case "--scale-n" -> scaleN = Integer.parseInt(v);
                case "--scale-latency" -> scaleLatency = v;
                case "--list-rows" -> listRows = Integer.parseInt(v);
                case "--parts" -> parts = v;
                case "--pricing" -> gatewayPricing = v;
                case "--gateway-jvm" -> gatewayJvm = v;
                case "--worker-jvm" -> workerJvm = v;
                case "--idle-worker-jvm" -> idleWorkerJvm = v;
                case "--jfr" -> jfr = v;
                default -> throw new IllegalArgumentException("unknown flag " + flag + " (see --help)");
            }
        }
    }
}
