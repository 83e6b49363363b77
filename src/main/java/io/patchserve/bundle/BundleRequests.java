package io.patchserve.bundle;

import io.patchserve.error.ApiException;

import java.util.Arrays;
import java.util.List;

/** What the bundle routes share of their parameters. */
final class BundleRequests {

    private BundleRequests() {
    }

    /** {@code assets=a,b}: the asset keys to bundle; empty (absent) for every asset with role "data". */
    static List<String> assetKeys(String assets) {
        if (assets == null || assets.isBlank()) {
            return List.of();
        }
        List<String> keys = Arrays.stream(assets.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (keys.isEmpty()) {
            throw ApiException.badRequest("assets names no asset key: '" + assets + "'");
        }
        return keys;
    }
}
