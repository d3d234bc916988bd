package com.reelsmith.platform;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A bare service made only of the platform, to test it the way every service uses it. */
@SpringBootApplication
public class PlatformTestApplication {
}
