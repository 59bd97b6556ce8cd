package org.onecall.testsupport.browser;

import java.nio.file.Files;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a browser test class, before its service even starts, on a machine without Chromium, and
 * says why; with {@code ONECALL_REQUIRE_BROWSER=1} the class runs and {@link Browser#open} fails it.
 */
public class BrowserAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Files.isExecutable(Browser.CHROMIUM) && Files.isExecutable(Browser.DRIVER)) {
            return ConditionEvaluationResult.enabled("Chromium at " + Browser.CHROMIUM);
        }
        if (Browser.required()) {
            return ConditionEvaluationResult.enabled("ONECALL_REQUIRE_BROWSER=1: fails without Chromium");
        }
        return ConditionEvaluationResult.disabled(Browser.missing());
    }
}
