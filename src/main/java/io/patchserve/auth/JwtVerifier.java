package io.patchserve.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.patchserve.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Verifies RS256 bearer JWTs against the configured public key: signature, expiry (and not-before), issuer
 * and audience when configured. A verified token may read; with the write scope or group it may write.
 * Done with the JDK's own crypto (the smallrye-jwt extension cannot be built from this Maven Central copy).
 */
@ApplicationScoped
public class JwtVerifier {

    private static final long CLOCK_SKEW_SECONDS = 60;

    private final AuthConfig config;
    private final ObjectMapper mapper;
    private final PublicKey key;

    public JwtVerifier(AuthConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
        this.key = config.jwtPublicKey().map(JwtVerifier::parsePem).orElse(null);
    }

    public boolean enabled() {
        return key != null;
    }

    public static boolean looksLikeJwt(String credential) {
        return credential != null && credential.chars().filter(c -> c == '.').count() == 2;
    }

    /** The grant a token carries, or empty when it is not valid here. */
    public Optional<ApiKeys.Grant> grantOf(String token) {
        if (key == null || !looksLikeJwt(token)) {
            return Optional.empty();
        }
        try {
            String[] parts = token.split("\\.");
            JsonNode header = mapper.readTree(Base64.getUrlDecoder().decode(parts[0]));
            if (!"RS256".equals(header.path("alg").asText())) {
                return Optional.empty();
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode claims = mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
            long now = Instant.now().getEpochSecond();
            if (!claims.has("exp") || claims.path("exp").asLong() + CLOCK_SKEW_SECONDS < now
                    || (claims.has("nbf") && claims.path("nbf").asLong() - CLOCK_SKEW_SECONDS > now)) {
                return Optional.empty();
            }
            if (config.jwtIssuer().isPresent() && !config.jwtIssuer().get().equals(claims.path("iss").asText())) {
                return Optional.empty();
            }
            if (config.jwtAudience().isPresent() && !hasValue(claims.path("aud"), config.jwtAudience().get())) {
                return Optional.empty();
            }
            String write = config.jwtWriteScope();
            boolean canWrite = hasWord(claims.path("scope"), write) || hasWord(claims.path("scp"), write)
                    || hasValue(claims.path("groups"), write);
            return Optional.of(canWrite ? ApiKeys.Grant.WRITE : ApiKeys.Grant.READ);
        } catch (Exception e) {
            return Optional.empty(); // malformed tokens are simply not valid credentials
        }
    }

    private static boolean hasWord(JsonNode node, String word) {
        if (node.isArray()) {
            return hasValue(node, word);
        }
        for (String w : node.asText("").split(" ")) {
            if (w.equals(word)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasValue(JsonNode node, String value) {
        if (node.isArray()) {
            for (JsonNode n : node) {
                if (n.asText().equals(value)) {
                    return true;
                }
            }
            return false;
        }
        return node.asText("").equals(value);
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
