package io.patchserve.auth;

import io.patchserve.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.UnresolvableKeyException;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Verifies bearer JWTs with jose4j against the configured RSA public key: an RS256 signature (no other algorithm,
 * so neither "none" nor an HMAC keyed with the public key gets through), no critical header it does not know,
 * expiry (required, a number, at most {@code jwt-max-lifetime} ahead) and not-before with a minute of clock skew, issuer and audience when configured, and the key id when one is configured. A verified
 * token may read; with the write scope (in "scope" or "scp") or group it may write.
 */
@ApplicationScoped
public class JwtVerifier {

    private static final int CLOCK_SKEW_SECONDS = 60;

    private final AuthConfig config;
    private final JwtConsumer consumer;

    public JwtVerifier(AuthConfig config) {
        this.config = config;
        this.consumer = config.jwtPublicKey().map(pem -> consumer(config, parsePem(pem))).orElse(null);
    }

    public boolean enabled() {
        return consumer != null;
    }

    public static boolean looksLikeJwt(String credential) {
        return credential != null && credential.chars().filter(c -> c == '.').count() == 2;
    }

    /** The grant a token carries, or empty when it is not valid here. */
    public Optional<ApiKeys.Grant> grantOf(String token) {
        if (consumer == null || !looksLikeJwt(token)) {
            return Optional.empty();
        }
        try {
            JwtClaims claims = consumer.processToClaims(token);
            String write = config.jwtWriteScope();
            boolean canWrite = hasWord(claims.getClaimValue("scope"), write) || hasWord(claims.getClaimValue("scp"), write)
                    || hasWord(claims.getClaimValue("groups"), write);
            return Optional.of(canWrite ? ApiKeys.Grant.WRITE : ApiKeys.Grant.READ);
        } catch (InvalidJwtException e) {
            return Optional.empty(); // an invalid token is simply not a valid credential
        }
    }

    private static JwtConsumer consumer(AuthConfig config, PublicKey key) {
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                // an expiry further off than this (1e30, a year) is refused: a leaked token must not live for ever
                .setMaxFutureValidityInMinutes((int) Math.min(Integer.MAX_VALUE, config.jwtMaxLifetime().toMinutes()))
                .setAllowedClockSkewInSeconds(CLOCK_SKEW_SECONDS)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256);
        if (config.jwtKeyId().isPresent()) {
            String keyId = config.jwtKeyId().get();
            builder.setVerificationKeyResolver((jws, nested) -> {
                if (!keyId.equals(jws.getKeyIdHeaderValue())) {
                    throw new UnresolvableKeyException("the token names key '" + jws.getKeyIdHeaderValue() + "', not '" + keyId + "'");
                }
                return key;
            });
        } else {
            builder.setVerificationKey(key);
        }
        config.jwtIssuer().ifPresent(builder::setExpectedIssuer);
        if (config.jwtAudience().isPresent()) {
            builder.setExpectedAudience(config.jwtAudience().get());
        } else {
            builder.setSkipDefaultAudienceValidation(); // no audience configured: any (or none) is fine
        }
        return builder.build();
    }

    /** A space-separated scope string, or an array of scopes or groups, holds the word. */
    private static boolean hasWord(Object claim, String word) {
        return switch (claim) {
            case String s -> List.of(s.split(" ")).contains(word);
            case List<?> list -> list.stream().anyMatch(word::equals);
            case null, default -> false;
        };
    }

    private static PublicKey parsePem(String pem) {
        try {
            String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (Exception e) {
            throw new IllegalStateException("patchserve.auth.jwt-public-key is not a PEM RSA public key", e);
        }
    }
}
