package io.github.relayllm.kernels.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way tests reach the read-only oracle data in {@code ../shared} (see its README). A test
 * that needs a file calls {@link #require(String)}; when the file is absent the test is skipped with
 * a reason naming the file, so the project builds and passes its tests without {@code ../shared}.
 *
 * <p>The folder is taken from the system property {@code relay.shared.dir} (the build sets it to the
 * {@code shared} folder beside the checkout), else found by walking up from the working directory.
 */
public final class SharedOracle {
    private SharedOracle() {}

    /** The shared folder, which may not exist. */
    public static Path dir() {
        String configured = System.getProperty("relay.shared.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isRegularFile(candidate.resolve("DESIGN.md"))) {
                return candidate;
            }
        }
        return Path.of("..", "shared").toAbsolutePath().normalize();
    }

    /** Path of {@code relative} under the shared folder; skips the calling test when it is absent. */
    public static Path require(String relative) {
        Path path = dir().resolve(relative);
        assumeTrue(Files.exists(path), () -> "skipped: needs ../shared/" + relative + " (looked at " + path + ")");
        return path;
    }
}
