package org.onecall.standalone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The matcher and the notifier talk to dispatch-api only through events and HTTP, never its classes
 * (issue 11). Checked here, the one module with all three services on its classpath, so a dependency
 * added by mistake shows up as a violation rather than going unnoticed.
 */
class ServiceBoundariesTest {

    static final JavaClasses SERVICES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.onecall.matcher", "org.onecall.notifier", "org.onecall.dispatch");

    @Test
    void theMatcherUsesNoDispatchApiClass() {
        noClasses().that().resideInAPackage("org.onecall.matcher..")
                .should().dependOnClassesThat().resideInAPackage("org.onecall.dispatch..").check(SERVICES);
    }

    @Test
    void theNotifierUsesNoDispatchApiClass() {
        noClasses().that().resideInAPackage("org.onecall.notifier..")
                .should().dependOnClassesThat().resideInAPackage("org.onecall.dispatch..").check(SERVICES);
    }

    @Test
    void dispatchApiUsesNeitherTheMatcherNorTheNotifier() {
        noClasses().that().resideInAPackage("org.onecall.dispatch..")
                .should().dependOnClassesThat().resideInAnyPackage("org.onecall.matcher..", "org.onecall.notifier..")
                .check(SERVICES);
    }
}
