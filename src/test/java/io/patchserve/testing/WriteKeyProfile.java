package io.patchserve.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/** The service with a write key, for tests of write routes (one profile for all of them: one restart). */
public class WriteKeyProfile implements QuarkusTestProfile {

    public static final String KEY = "test-writer-key";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("patchserve.auth.write-keys", KEY);
    }
}
