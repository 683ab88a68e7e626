package io.github.relayllm.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of DESIGN.md §3 inside and across modules. Maven dependencies and module-info.java
 * already stop relay-kernels from seeing relay-core and relay-core from seeing relay-bench; these
 * rules add what the module system cannot say: which packages of a module may know each other.
 */
class LayeringTest {
    private static final String KERNELS = "io.github.relayllm.kernels..";
    private static final String CORE = "io.github.relayllm.core..";
    private static final String BENCH = "io.github.relayllm.bench..";
    private static final List<String> BACKENDS = List.of("reference", "cpu", "opencl", "cuda");

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.github.relayllm");
    }

    @Test
    void seesClassesOfEveryModule() {
        // Guards the rules below against passing vacuously on an empty import.
        for (String module : List.of("kernels", "core", "bench")) {
            assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith("io.github.relayllm." + module)))
                    .as("classes of relay-%s imported", module)
                    .isTrue();
        }
    }

    @Test
    void kernelsKnowNothingOfModelsOrTools() {
        noClasses()
                .that()
                .resideInAPackage(KERNELS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(CORE, BENCH)
                .check(classes);
    }

    @Test
    void coreKnowsNothingOfTools() {
        noClasses()
                .that()
                .resideInAPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BENCH)
                .check(classes);
    }

    /**
     * The JMH benchmarks may measure a backend's kernels directly; everything else goes through the SPI,
     * the op check included, so that it checks any backend the same way.
     */
    @Test
    void coreAndTheToolUseBackendsOnlyThroughTheBackendApi() {
        String[] backendInternals = BACKENDS.stream()
                .map(b -> "io.github.relayllm.kernels." + b + "..")
                .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAnyPackage(
                        CORE,
                        "io.github.relayllm.bench.cli..",
                        "io.github.relayllm.bench.perf..",
                        "io.github.relayllm.kernels.opcheck..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(backendInternals)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void backendsDoNotKnowEachOther() {
        for (String backend : BACKENDS) {
            String[] others = BACKENDS.stream()
                    .filter(b -> !b.equals(backend))
                    .filter(b -> !b.equals("reference"))
                    .map(b -> "io.github.relayllm.kernels." + b + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage("io.github.relayllm.kernels." + backend + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void fileFormatsKnowNothingOfWhatIsBuiltOnThem() {
        noClasses()
                .that()
                .resideInAPackage("io.github.relayllm.core.format..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.github.relayllm.core.model..", "io.github.relayllm.core.tokenizer..")
                .check(classes);
    }

    @Test
    void tokenizersKnowNothingOfModels() {
        noClasses()
                .that()
                .resideInAPackage("io.github.relayllm.core.tokenizer..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.github.relayllm.core.model..")
                .check(classes);
    }

    @Test
    void readingModelsDoesNotDependOnWritingThem() {
        noClasses()
                .that()
                .resideInAPackage("io.github.relayllm.core.model")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.github.relayllm.core.model.synth..")
                .check(classes);
    }

    @Test
    void theRelayProtocolIsFreeOfAnyEngine() {
        classes()
                .that()
                .resideInAPackage("io.github.relayllm.core.relay.protocol..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("io.github.relayllm.core.relay.protocol..", "java..")
                .check(classes);
    }

    @Test
    void corePackagesFormNoCycles() {
        slices().matching("io.github.relayllm.core.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void noDumpingGrounds() {
        classes()
                .should()
                .haveSimpleNameNotEndingWith("Util")
                .andShould()
                .haveSimpleNameNotEndingWith("Utils")
                .andShould()
                .haveSimpleNameNotEndingWith("Helper")
                .andShould()
                .haveSimpleNameNotEndingWith("Helpers")
                .check(classes);
    }
}
