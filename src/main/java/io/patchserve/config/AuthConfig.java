package io.patchserve.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Who may write, and whether reads need a credential. Every key is overridable as PATCHSERVE_AUTH_*. */
@ConfigMapping(prefix = "patchserve.auth")
public interface AuthConfig {

    /** API keys that may write (transactions, imports) and read; comma-separated. Keep them in a Secret. */
    Optional<List<String>> writeKeys();

    /** API keys that may only read (useful when reads are private); comma-separated. */
    Optional<List<String>> readKeys();

    /** PEM public key (RSA) that verifies RS256 bearer JWTs; JWTs are not accepted when unset. */
    Optional<String> jwtPublicKey();

    /** Required "kid" header of accepted JWTs, when set (the key id the identity provider publishes for the key). */
    Optional<String> jwtKeyId();

    /** Longest a JWT may still be valid when it is presented (its "exp" at most this far ahead); longer-lived tokens are refused. */
    @WithDefault("24H")
    Duration jwtMaxLifetime();

    /** Required "iss" of accepted JWTs, when set. */
    Optional<String> jwtIssuer();

    /** Required "aud" of accepted JWTs, when set. */
    Optional<String> jwtAudience();

    /** The scope (in "scope" or "scp") or group (in "groups") that lets a JWT write; any valid JWT may read. */
    @WithDefault("patchserve:write")
    String jwtWriteScope();

    /** Reads (catalog, search, downloads) need no credential. Health, metrics and OpenAPI are always open. */
    @WithDefault("true")
    boolean publicReads();
}
