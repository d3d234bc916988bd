package com.reelsmith.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test that assembles an ad, so runs the FFmpeg bundled with the studio worker
 * ({@code org.bytedeco:ffmpeg}, linux-x86_64). That build links three libraries of the operating
 * system a desktop has and a bare server may not ({@code libpulse.so.0}, {@code libva.so.2},
 * {@code libva-drm.so.2}; Debian: {@code apt-get install libpulse0 libva2 libva-drm2}, which
 * {@code .ci/run} and the Docker image install). Where the bundled FFmpeg cannot be loaded the
 * test is skipped, reported as {@code needs the bundled FFmpeg: <value>; <why it cannot load>};
 * everywhere else it runs. Only a missing system library is a reason to skip: any other load
 * failure fails the test, and so does a missing library where {@code REELSMITH_REQUIRE_BUNDLED_FFMPEG=true}
 * (set by {@code .ci/run}, which installs them). The test's classpath must hold {@code org.bytedeco:ffmpeg}.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(BundledFfmpegCondition.class)
public @interface RequiresBundledFfmpeg {

    /** What the test does with it, for the skip message. */
    String value();
}
