package org.onecall.dispatch.access;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.onecall.kit.security.AccessTable;

/**
 * docs/access.md lists every route as the policies decide it; this fails when dispatch-api's
 * policy (or kit's, which every service has) changed and the document did not. The failure prints
 * the command that regenerates it.
 */
class AccessDocTest {

    static final Path DOC = Path.of("..", "docs", "access.md");

    @Test
    void the_endpoint_list_matches_kits_policy() {
        AccessTable.verify(DOC, "kit (every service)", "kit/.../security/KitAccessPolicy.java", AccessTable.kitRules());
    }

    @Test
    void the_endpoint_list_matches_dispatch_apis_policy() {
        AccessTable.verify(DOC, "dispatch-api", "dispatch-api/.../access/DispatchAccessPolicy.java",
                new DispatchAccessPolicy().rules());
    }
}
