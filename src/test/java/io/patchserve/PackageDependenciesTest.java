package io.patchserve;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The package map of the README, checked on the compiled classes: every package (sub-packages counted as
 * their own) is a slice, and no slice may reach itself again through its dependencies, however long the path.
 * {@code deploy/local/unit.sh -Dtest=PackageDependenciesTest} runs it alone.
 */
@Tag("unit")
class PackageDependenciesTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.patchserve");

    @Test
    void noPackageDependsOnOneThatDependsOnItBack() {
        slices().matching("io.patchserve.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theSharedFoundationsUseNoFeature() {
        // error, config and stac are what every feature may use, so they use nothing of the features
        String[] foundations = {"io.patchserve.error..", "io.patchserve.config..", "io.patchserve.stac.."};
        noClasses().that().resideInAnyPackage(foundations)
                .should().dependOnClassesThat(resideInAPackage("io.patchserve..").and(not(resideInAnyPackage(foundations))))
                .check(MAIN);
    }
}
