package com.reelsmith.boundaries;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of the README's architecture, checked on the compiled main classes
 * of every module (this module has them all on its test classpath). Maven already refuses an
 * import of a module that is not a dependency; these rules refuse the dependency itself, and
 * package cycles Maven cannot see.
 */
class ModuleBoundariesTest {

    static final String MODEL = "com.reelsmith.model..";
    static final String MIGRATIONS = "com.reelsmith.migrations..";
    static final String EMBEDDED = "com.reelsmith.embedded..";
    static final String PLATFORM = "com.reelsmith.platform..";
    static final String PROVIDER = "com.reelsmith.provider..";
    static final String WORKER_SUPPORT = "com.reelsmith.work..";
    static final String GATEWAY = "com.reelsmith.gateway..";
    static final String IMAGE_WORKER = "com.reelsmith.imageworker..";
    static final String VIDEO_WORKER = "com.reelsmith.videoworker..";
    static final String STUDIO_WORKER = "com.reelsmith.studioworker..";
    static final String STANDALONE = "com.reelsmith.standalone..";

    /** Module name to its packages, in the order of the README's module list. */
    static final Map<String, String> MODULES = new TreeMap<>(Map.ofEntries(
            Map.entry("common-model", MODEL), Map.entry("db-migrations", MIGRATIONS), Map.entry("embedded", EMBEDDED),
            Map.entry("platform", PLATFORM), Map.entry("provider", PROVIDER), Map.entry("worker-support", WORKER_SUPPORT),
            Map.entry("api-gateway", GATEWAY), Map.entry("image-worker", IMAGE_WORKER),
            Map.entry("video-worker", VIDEO_WORKER), Map.entry("studio-worker", STUDIO_WORKER),
            Map.entry("standalone", STANDALONE)));

    /** Main classes only: test code (and test-support, com.reelsmith.testing) may reach anywhere. */
    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(MODULES.values().stream().map(p -> p.substring(0, p.length() - 2)).toArray(String[]::new));

    @Test
    void everyModuleIsOnTheClasspathSoNoRuleHoldsForWantOfClasses() {
        MODULES.forEach((module, packages) -> assertThat(CLASSES.that(
                com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(packages)))
                .as("classes of %s (%s)", module, packages).isNotEmpty());
    }

    @Test
    void commonModelDependsOnNothingOfOursAndNoSpring() {
        noClasses().that().resideInAPackage(MODEL)
                .should().dependOnClassesThat().resideInAnyPackage(
                        concat(oursExcept(MODEL), "org.springframework.."))
                .because("common-model holds the message records and nothing else")
                .check(CLASSES);
    }

    @Test
    void dbMigrationsDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage(MIGRATIONS)
                .should().dependOnClassesThat().resideInAnyPackage(oursExcept(MIGRATIONS))
                .because("the schema is runnable on its own").check(CLASSES);
    }

    @Test
    void providerDependsOnlyOnCommonModel() {
        noClasses().that().resideInAPackage(PROVIDER)
                .should().dependOnClassesThat().resideInAnyPackage(oursExcept(PROVIDER, MODEL))
                .check(CLASSES);
    }

    @Test
    void platformDependsOnNoServiceAndNotOnWorkerSupport() {
        noClasses().that().resideInAPackage(PLATFORM)
                .should().dependOnClassesThat().resideInAnyPackage(
                        GATEWAY, IMAGE_WORKER, VIDEO_WORKER, STUDIO_WORKER, WORKER_SUPPORT, STANDALONE, EMBEDDED)
                .because("platform is what the services share; worker-only code lives in worker-support")
                .check(CLASSES);
    }

    @Test
    void workerSupportDependsOnNoService() {
        noClasses().that().resideInAPackage(WORKER_SUPPORT)
                .should().dependOnClassesThat().resideInAnyPackage(GATEWAY, IMAGE_WORKER, VIDEO_WORKER, STUDIO_WORKER,
                        STANDALONE, EMBEDDED)
                .check(CLASSES);
    }

    @Test
    void theWorkersDependOnNeitherEachOtherNorTheGateway() {
        noClasses().that().resideInAPackage(IMAGE_WORKER)
                .should().dependOnClassesThat().resideInAnyPackage(VIDEO_WORKER, STUDIO_WORKER, GATEWAY, STANDALONE, EMBEDDED)
                .check(CLASSES);
        noClasses().that().resideInAPackage(VIDEO_WORKER)
                .should().dependOnClassesThat().resideInAnyPackage(IMAGE_WORKER, STUDIO_WORKER, GATEWAY, STANDALONE, EMBEDDED)
                .check(CLASSES);
        noClasses().that().resideInAPackage(STUDIO_WORKER)
                .should().dependOnClassesThat().resideInAnyPackage(IMAGE_WORKER, VIDEO_WORKER, GATEWAY, STANDALONE, EMBEDDED)
                .check(CLASSES);
    }

    @Test
    void theGatewayDependsOnNeitherTheWorkersNorWorkerSupport() {
        noClasses().that().resideInAPackage(GATEWAY)
                .should().dependOnClassesThat().resideInAnyPackage(WORKER_SUPPORT, IMAGE_WORKER, VIDEO_WORKER, STUDIO_WORKER,
                        STANDALONE, EMBEDDED)
                .check(CLASSES);
    }

    @Test
    void onlyTheStandaloneModeUsesTheEmbeddedDatabaseAndBroker() {
        noClasses().that().resideOutsideOfPackages(STANDALONE, EMBEDDED)
                .should().dependOnClassesThat().resideInAnyPackage(STANDALONE, EMBEDDED)
                .check(CLASSES);
    }

    @Test
    void modulesHaveNoCycles() {
        slices().matching("com.reelsmith.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    // TODO(h-gwops): com.reelsmith.gateway.auth and com.reelsmith.gateway.clients import each other
    // today (auth.ApiKeyController uses clients.ClientRepository, clients.ClientController uses auth.Caller);
    // another helper is breaking that cycle. The lead enables this test after merging that work.
    @Test
    void packagesHaveNoCycles() {
        slices().matching("com.reelsmith.(**)").namingSlices("$1").should().beFreeOfCycles().check(CLASSES);
    }

    private static String[] oursExcept(String... allowed) {
        return MODULES.values().stream().filter(p -> !Arrays.asList(allowed).contains(p)).toArray(String[]::new);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
