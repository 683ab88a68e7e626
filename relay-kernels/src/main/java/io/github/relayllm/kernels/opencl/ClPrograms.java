package io.github.relayllm.kernels.opencl;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the backend's programs from the OpenCL C sources shipped as resources, once per source and
 * defines: in memory for the backend's life, and on disk as driver binaries where the driver gives them
 * ({@code ~/.cache/relay/opencl}, or {@code -Drelay.opencl.cache=DIR}; {@code none} turns it off), keyed
 * by the device, its driver, the options and the source text. A binary the driver refuses is rebuilt
 * from source.
 *
 * <p>Build options are chosen per device: {@code RELAY_FP16} where the device has {@code cl_khr_fp16},
 * {@code RELAY_SUBGROUPS} where it has sub-group reductions (work-group sums and maxima then reduce
 * in sub-groups first; a build that fails with them is retried without); without them kernels reduce
 * in local memory. Kernels read halves with {@code vload_half} and compute in float everywhere: half
 * accumulation would not hold the reference's tolerances, so {@code RELAY_FP16} is only defined for
 * kernels that may want it. A failed build throws an {@link OpenClException}
 * holding the driver's build log.
 */
final class ClPrograms implements AutoCloseable {
    static final String CACHE_PROPERTY = "relay.opencl.cache";
    static final String SUBGROUPS_PROPERTY = "relay.opencl.subgroups";
    private static final String SUBGROUPS_DEFINE = "-DRELAY_SUBGROUPS";

    private final ClContext context;
    private String deviceOptions;
    private final Path cacheDirectory;
    private final Map<ClProgramSource, MemorySegment> built = new LinkedHashMap<>();

    ClPrograms(ClContext context) {
        this.context = context;
        this.deviceOptions = deviceOptions(context.info());
        this.cacheDirectory = cacheDirectory();
    }

    /** The options programs of this device are built with (sub-groups dropped once a build failed with them). */
    String deviceOptions() {
        return deviceOptions;
    }

    /** The built program of {@code source}, building it on first use. */
    MemorySegment program(ClProgramSource source) {
        MemorySegment program = built.get(source);
        if (program == null) {
            program = build(source);
            built.put(source, program);
        }
        return program;
    }

    @Override
    public void close() {
        for (MemorySegment program : built.values()) {
            try {
                int ignored = (int) context.api().releaseProgram.invokeExact(program);
            } catch (Throwable thrown) {
                throw ClApi.rethrow(thrown);
            }
        }
        built.clear();
    }

    private MemorySegment build(ClProgramSource source) {
        try {
            return build(source, deviceOptions);
        } catch (OpenClException e) {
            if (!deviceOptions.contains(SUBGROUPS_DEFINE)) {
                throw e;
            }
            // A driver that reports sub-groups but cannot compile them under OpenCL C 1.2: build
            // the local-memory reductions instead, as on a device without them, for this program and
            // every later one (each would fail the same way).
            MemorySegment program = build(source, withoutSubgroups(deviceOptions));
            deviceOptions = withoutSubgroups(deviceOptions);
            return program;
        }
    }

    private static String withoutSubgroups(String options) {
        return options.replaceAll(" -DRELAY_SUBGROUPS\\S*", "");
    }

    private MemorySegment build(ClProgramSource source, String baseOptions) {
        String text = sourceText(source);
        String options = baseOptions + source.options();
        Path cached = cacheDirectory == null ? null : cacheDirectory.resolve(cacheKey(text, options) + ".bin");
        if (cached != null && Files.isRegularFile(cached)) {
            MemorySegment fromBinary = fromBinary(cached, options);
            if (fromBinary != null) {
                return fromBinary;
            }
        }
        MemorySegment program = fromSource(source, text, options);
        if (cached != null) {
            saveBinary(program, cached);
        }
        return program;
    }

    private MemorySegment fromSource(ClProgramSource source, String text, String options) {
        ClApi cl = context.api();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errorCode = arena.allocate(JAVA_INT);
            MemorySegment strings = arena.allocate(ADDRESS);
            strings.set(ADDRESS, 0, arena.allocateFrom(text));
            MemorySegment program = ClApi.checkCreated(
                    "clCreateProgramWithSource",
                    (MemorySegment) cl.createProgramWithSource.invokeExact(
                            context.context(), 1, strings, MemorySegment.NULL, errorCode),
                    errorCode,
                    source.toString());
            buildOrThrow(program, options, source.toString());
            return program;
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        }
    }

    private MemorySegment fromBinary(Path file, String options) {
        ClApi cl = context.api();
        try (Arena arena = Arena.ofConfined()) {
            byte[] bytes = Files.readAllBytes(file);
            MemorySegment binary = arena.allocateFrom(JAVA_BYTE, bytes);
            MemorySegment binaries = arena.allocate(ADDRESS);
            binaries.set(ADDRESS, 0, binary);
            MemorySegment lengths = arena.allocate(JAVA_LONG);
            lengths.set(JAVA_LONG, 0, bytes.length);
            MemorySegment devices = arena.allocate(ADDRESS);
            devices.set(ADDRESS, 0, context.device().deviceId());
            MemorySegment status = arena.allocate(JAVA_INT);
            MemorySegment errorCode = arena.allocate(JAVA_INT);
            MemorySegment program = (MemorySegment) cl.createProgramWithBinary.invokeExact(
                    context.context(), 1, devices, lengths, binaries, status, errorCode);
            if (errorCode.get(JAVA_INT, 0) != ClStatus.SUCCESS || program.equals(MemorySegment.NULL)) {
                return null;
            }
            int built = (int) cl.buildProgram.invokeExact(
                    program, 1, devices, arena.allocateFrom(options), MemorySegment.NULL, MemorySegment.NULL);
            if (built != ClStatus.SUCCESS) {
                int ignored = (int) cl.releaseProgram.invokeExact(program);
                return null;
            }
            return program;
        } catch (IOException e) {
            return null;
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        }
    }

    private void buildOrThrow(MemorySegment program, String options, String what) throws Throwable {
        ClApi cl = context.api();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment devices = arena.allocate(ADDRESS);
            devices.set(ADDRESS, 0, context.device().deviceId());
            int status = (int) cl.buildProgram.invokeExact(
                    program, 1, devices, arena.allocateFrom(options), MemorySegment.NULL, MemorySegment.NULL);
            if (status != ClStatus.SUCCESS) {
                String log = buildLog(program);
                int ignored = (int) cl.releaseProgram.invokeExact(program);
                throw new OpenClException(
                        "clBuildProgram",
                        status,
                        "%s for %s with options '%s'; build log:%n%s"
                                .formatted(what, context.info().name(), options.strip(), log.strip()));
            }
        }
    }

    private String buildLog(MemorySegment program) throws Throwable {
        ClApi cl = context.api();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_LONG);
            int status = (int) cl.getProgramBuildInfo.invokeExact(
                    program, context.device().deviceId(), ClApi.PROGRAM_BUILD_LOG, 0L, MemorySegment.NULL, size);
            if (status != ClStatus.SUCCESS) {
                return "(no build log: " + ClStatus.name(status) + ")";
            }
            MemorySegment log = arena.allocate(Math.max(1, size.get(JAVA_LONG, 0)));
            status = (int) cl.getProgramBuildInfo.invokeExact(
                    program,
                    context.device().deviceId(),
                    ClApi.PROGRAM_BUILD_LOG,
                    log.byteSize(),
                    log,
                    MemorySegment.NULL);
            return status == ClStatus.SUCCESS ? log.getString(0, StandardCharsets.UTF_8) : "(no build log)";
        }
    }

    /** Writes the program's binary to {@code file}, if the driver gives one; a failure only costs a rebuild later. */
    private void saveBinary(MemorySegment program, Path file) {
        ClApi cl = context.api();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_LONG);
            int status = (int) cl.getProgramInfo.invokeExact(
                    program, ClApi.PROGRAM_BINARY_SIZES, JAVA_LONG.byteSize(), size, MemorySegment.NULL);
            long bytes = size.get(JAVA_LONG, 0);
            if (status != ClStatus.SUCCESS || bytes <= 0) {
                return;
            }
            MemorySegment binary = arena.allocate(bytes);
            MemorySegment pointers = arena.allocate(ADDRESS);
            pointers.set(ADDRESS, 0, binary);
            status = (int) cl.getProgramInfo.invokeExact(
                    program, ClApi.PROGRAM_BINARIES, ADDRESS.byteSize(), pointers, MemorySegment.NULL);
            if (status != ClStatus.SUCCESS) {
                return;
            }
            Files.createDirectories(file.getParent());
            Path partial =
                    Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
            Files.write(partial, binary.toArray(JAVA_BYTE));
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // A cache that cannot be written only means building from source next time.
        } catch (Throwable thrown) {
            throw ClApi.rethrow(thrown);
        }
    }

    private String cacheKey(String text, String options) {
        OpenClDeviceInfo info = context.info();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part :
                    new String[] {info.platform(), info.name(), info.version(), info.driverVersion(), options, text}) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String sourceText(ClProgramSource source) {
        StringBuilder text = new StringBuilder();
        for (String file : source.files()) {
            try (InputStream in = ClPrograms.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("the OpenCL source " + file + " is missing from the jar");
                }
                text.append("// ---- ").append(file).append('\n');
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the OpenCL source " + file, e);
            }
        }
        return text.toString();
    }

    private static String deviceOptions(OpenClDeviceInfo info) {
        StringBuilder options = new StringBuilder("-cl-std=CL1.2");
        if (info.platform().startsWith("Oclgrind")) {
            // The simulator's uninitialized-value checker does not know LLVM's `freeze`, which the
            // optimizer brings in (for a division next to its remainder): check the unoptimized code.
            options.append(" -cl-opt-disable");
        }
        if (info.hasFp16()) {
            options.append(" -DRELAY_FP16");
        }
        // -Drelay.opencl.subgroups: false never uses them; force uses them even where the device does
        // not report them (which shows the fallback to local memory works); otherwise where reported.
        String subgroups = System.getProperty(SUBGROUPS_PROPERTY, "auto");
        if (subgroups.equals("force") || (info.hasSubgroups() && !subgroups.equals("false"))) {
            options.append(" -DRELAY_SUBGROUPS")
                    .append(
                            info.extensions().contains("cl_khr_subgroups")
                                    ? " -DRELAY_SUBGROUPS_KHR"
                                    : " -DRELAY_SUBGROUPS_INTEL");
        }
        return options.toString();
    }

    private static Path cacheDirectory() {
        String configured = System.getProperty(CACHE_PROPERTY);
        if ("none".equals(configured)) {
            return null;
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String home = System.getProperty("user.home");
        return home == null ? null : Path.of(home, ".cache", "relay", "opencl");
    }
}
