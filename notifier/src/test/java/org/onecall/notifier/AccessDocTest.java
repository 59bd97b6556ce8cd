package org.onecall.notifier;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.onecall.kit.security.AccessTable;

/** docs/access.md lists the notifier's routes as its policy decides them; the failure prints how to regenerate it. */
class AccessDocTest {

    @Test
    void the_endpoint_list_matches_the_notifiers_policy() {
        AccessTable.verify(Path.of("..", "docs", "access.md"), "notifier", "notifier/.../NotifierAccessPolicy.java",
                new NotifierAccessPolicy().rules());
    }
}
