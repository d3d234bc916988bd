package com.reelsmith.testing;

import java.lang.reflect.InvocationTargetException;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Skips what {@link RequiresBundledFfmpeg} marks when the bundled FFmpeg does not load in this JVM,
 * with the loader's own reason (for a missing system library: its file name and the Debian
 * packages that hold them). Loads it the way the studio worker does, once per test JVM.
 */
final class BundledFfmpegCondition implements ExecutionCondition {

    static final String PACKAGES = "libpulse0 libva2 libva-drm2";
    /** Set by .ci/run, which installs the libraries: there a test that assembles must run, not be skipped. */
    static final String REQUIRE = "REELSMITH_REQUIRE_BUNDLED_FFMPEG";
    private static final boolean REQUIRED = "true".equalsIgnoreCase(System.getenv(REQUIRE));

    /** Empty when the bundled ffmpeg loads; else why not. */
    private static volatile Optional<String> problem;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        var needs = AnnotationSupport.findAnnotation(context.getElement(), RequiresBundledFfmpeg.class);
        if (needs.isEmpty()) {
            return ConditionEvaluationResult.enabled("does not run FFmpeg");
        }
        Optional<String> why = problem();
        if (why.isPresent() && REQUIRED) {
            throw new IllegalStateException(REQUIRE + " is set, but the bundled FFmpeg does not load: " + why.get());
        }
        return why.map(reason -> ConditionEvaluationResult.disabled("needs the bundled FFmpeg: " + needs.get().value()
                        + "; it does not load here: " + reason))
                .orElseGet(() -> ConditionEvaluationResult.enabled("the bundled FFmpeg loads"));
    }

    static Optional<String> problem() {
        if (problem == null) {
            synchronized (BundledFfmpegCondition.class) {
                if (problem == null) {
                    problem = load();
                }
            }
        }
        return problem;
    }

    private static Optional<String> load() {
        try {
            Class<?> loader = Class.forName("org.bytedeco.javacpp.Loader");
            Class<?> ffmpeg = Class.forName("org.bytedeco.ffmpeg.ffmpeg");
            loader.getMethod("load", Class.class).invoke(null, ffmpeg);
            return Optional.empty();
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("org.bytedeco:ffmpeg is not on this test's classpath: add it (test scope)", e);
        } catch (InvocationTargetException e) {
            return missingLibrary(e.getCause());
        } catch (LinkageError e) {
            return missingLibrary(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot call JavaCPP's Loader.load", e);
        }
    }

    /**
     * A library of the operating system the dynamic linker could not find (the innermost message
     * names it): a reason to skip. Anything else (natives missing from the classpath, a broken jar)
     * is a fault of the build, and fails the test rather than hiding it.
     */
    static Optional<String> missingLibrary(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(root.getMessage());
        if (message.contains("cannot open shared object file")) {
            return Optional.of(message.replaceAll("^.*/", "") + " (the operating system lacks a library it links; on"
                    + " Debian or Ubuntu: apt-get install " + PACKAGES + ")");
        }
        throw new IllegalStateException("the bundled FFmpeg does not load, and not for a missing system library", failure);
    }
}
