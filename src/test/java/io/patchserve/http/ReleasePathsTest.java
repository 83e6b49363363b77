package io.patchserve.http;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A release's address and its stored id map onto each other, both ways, for every route below it. */
@Tag("unit")
class ReleasePathsTest {

    @Test
    void everyPathBelowAReleaseIsServedByItsFrozenCopy() {
        assertThat(ReleasePaths.internalPath("/collections/ben/releases/v1.0", HttpMethod.GET)).isEqualTo("/collections/ben@v1.0");
        assertThat(ReleasePaths.internalPath("/collections/ben/releases/v1.0/items/a/crop.png", HttpMethod.GET))
                .isEqualTo("/collections/ben@v1.0/items/a/crop.png");
        assertThat(ReleasePaths.internalPath("/collections/ben/releases/v1.0/", HttpMethod.HEAD)).isEqualTo("/collections/ben@v1.0/");
        // writes go there too, to be refused by the release's guards
        assertThat(ReleasePaths.internalPath("/collections/ben/releases/v1.0", HttpMethod.DELETE)).isEqualTo("/collections/ben@v1.0");
    }

    @Test
    void theReleaseListAndAttachingADoiStayTheReleaseResources() {
        assertThat(ReleasePaths.internalPath("/collections/ben/releases", HttpMethod.GET)).isNull();
        assertThat(ReleasePaths.internalPath("/collections/ben/releases/v1.0", HttpMethod.PATCH)).isNull();
        assertThat(ReleasePaths.internalPath("/collections/ben/items", HttpMethod.GET)).isNull();
        assertThat(ReleasePaths.internalPath("/search", HttpMethod.GET)).isNull();
    }

    @Test
    void linksAddressAReleaseBelowItsCollection() {
        assertThat(Links.collectionPath("ben@v1.0")).isEqualTo("/collections/ben/releases/v1.0");
        assertThat(Links.itemPath("ben@v1.0", "a b")).isEqualTo("/collections/ben/releases/v1.0/items/a%20b");
        assertThat(Links.collectionPath("ben")).isEqualTo("/collections/ben");
        assertThat(ReleasePaths.internalPath(Links.itemPath("ben@v1.0", "x"), HttpMethod.GET)).isEqualTo("/collections/ben@v1.0/items/x");
    }

    @Test
    void versionNames() {
        assertThat(ReleaseIds.isValidVersion("v1.0")).isTrue();
        assertThat(ReleaseIds.isValidVersion("2024-06_a")).isTrue();
        assertThat(ReleaseIds.isValidVersion("v 1")).isFalse();
        assertThat(ReleaseIds.isValidVersion(".hidden")).isFalse();
        assertThat(ReleaseIds.isValidVersion("v1@x")).isFalse();
        assertThat(ReleaseIds.versionOf("ben@v1.0")).contains("v1.0");
        assertThat(ReleaseIds.collectionOf("ben@v1.0")).isEqualTo("ben");
        assertThat(ReleaseIds.versionOf("ben")).isEmpty();
    }
}
