package com.reelsmith.standalone;

import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar standalone/target/reelsmith.jar [--demo]}: the whole of Reelsmith on one
 * machine with only a JDK. Ctrl-C stops the services, then the broker, then the database.
 */
public final class Standalone {

    private static final Logger log = LoggerFactory.getLogger(Standalone.class);

    private Standalone() {
    }

    public static void main(String[] args) {
        StandaloneSettings settings = StandaloneSettings.fromEnvironment(Arrays.asList(args).contains("--demo"));
        try {
            RunningSystem system = RunningSystem.start(settings);
            Runtime.getRuntime().addShutdownHook(new Thread(system::close, "reelsmith-shutdown"));
            system.printWelcome(System.out);
        } catch (DataFolder.AlreadyRunning e) {
            System.err.println("reelsmith: " + e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            log.error("Reelsmith could not start", e);
            System.err.println("reelsmith: could not start: " + e.getMessage());
            System.exit(1);
        }
    }

    static Path defaultDataFolder() {
        return Path.of("reelsmith-data");
    }
}
