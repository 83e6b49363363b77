package io.patchserve.testing;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Declares {@link LocalStack} once for every @QuarkusTest in the suite. */
@WithTestResource(value = LocalStack.class, scope = TestResourceScope.GLOBAL)
public final class UsesLocalStack {
    private UsesLocalStack() {
    }
}
