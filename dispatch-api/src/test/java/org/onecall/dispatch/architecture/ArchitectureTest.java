package org.onecall.dispatch.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** dispatch-api's package boundaries (issue 11). */
class ArchitectureTest {

    static final JavaClasses DISPATCH = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // Micronaut's generated bean definitions ($Foo$Definition) name every annotation of their bean
            .withImportOption(location -> !location.contains("/$"))
            .importPackages("org.onecall.dispatch");

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.onecall.dispatch.(*)..").should().beFreeOfCycles().check(DISPATCH);
    }

    @Test
    void plumbingDependsOnNoFeature() {
        noClasses().that().resideInAnyPackage("..dispatch.outbox..", "..dispatch.inbox..", "..dispatch.access..",
                        "..dispatch.openapi..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(DISPATCH);
    }

    @Test
    void domainClassesUseNoHttpTypes() {
        noClasses().that().resideInAnyPackage(FEATURES)
                .and().haveNameNotMatching(".*Controller(\\$.*)?")
                .and().areNotAnnotatedWith(io.micronaut.http.annotation.Controller.class)
                .should().dependOnClassesThat().resideInAnyPackage("io.micronaut.http..")
                .check(DISPATCH);
    }

    static final String[] FEATURES = {"..dispatch.account..", "..dispatch.agreement..", "..dispatch.audit..",
            "..dispatch.circle..", "..dispatch.community..", "..dispatch.console..", "..dispatch.demo..",
            "..dispatch.diary..", "..dispatch.household..", "..dispatch.hsds..", "..dispatch.imports..",
            "..dispatch.merchant..", "..dispatch.need..", "..dispatch.sms..", "..dispatch.team..",
            "..dispatch.volunteer..", "..dispatch.wish.."};
}
