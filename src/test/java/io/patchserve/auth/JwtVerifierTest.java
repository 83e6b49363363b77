package io.patchserve.auth;

import io.patchserve.config.AuthConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The classic attacks on JWT verification, each a token forged by hand (JDK crypto, not the library under test):
 * only a token signed RS256 by the configured key, within its lifetime, for the configured issuer, audience and
 * key id, is a credential.
 */
@Tag("unit")
class JwtVerifierTest {

    private static final KeyPair KEYS = rsa();
    private static final KeyPair OTHER_KEYS = rsa();
    private static final String ISSUER = "https://idp.example.org";
    private static final String AUDIENCE = "patchserve";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final JwtVerifier verifier = new JwtVerifier(config(Optional.of(ISSUER), Optional.of(AUDIENCE), Optional.empty()));

    @Test
    void aValidTokenReadsAndWithTheWriteScopeWrites() {
        assertThat(verifier.grantOf(rs256(KEYS.getPrivate(), header(null), claims("openid", null)))).contains(ApiKeys.Grant.READ);
        assertThat(verifier.grantOf(rs256(KEYS.getPrivate(), header(null), claims("openid patchserve:write", null))))
                .contains(ApiKeys.Grant.WRITE);
        String groups = "{\"iss\":\"" + ISSUER + "\",\"aud\":[\"other\",\"" + AUDIENCE + "\"],\"groups\":[\"patchserve:write\"],\"exp\":"
                + inSeconds(600) + "}";
        assertThat(verifier.grantOf(rs256(KEYS.getPrivate(), header(null), groups))).contains(ApiKeys.Grant.WRITE);
    }

    @Test
    void algNoneIsRefused() {
        for (String alg : List.of("none", "None", "NONE")) {
            String unsigned = B64.encodeToString(("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").getBytes(StandardCharsets.UTF_8))
                    + "." + B64.encodeToString(claims("patchserve:write", null).getBytes(StandardCharsets.UTF_8)) + ".";
            assertThat(verifier.grantOf(unsigned)).as(alg).isEmpty();
        }
    }

    @Test
    void hs256KeyedWithThePublicKeyIsRefused() throws Exception {
        // the key confusion attack: the verifier's public key, which anyone may have, used as an HMAC secret
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        for (byte[] secret : List.of(pem.getBytes(StandardCharsets.US_ASCII), KEYS.getPublic().getEncoded())) {
            String input = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + B64.encodeToString(claims("patchserve:write", null).getBytes(StandardCharsets.UTF_8));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String token = input + "." + B64.encodeToString(hmac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
            assertThat(verifier.grantOf(token)).isEmpty();
        }
    }

    @Test
    void expiredNotYetValidAndTimelessTokensAreRefused() {
        String expired = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":" + inSeconds(-3600) + "}";
        String notYet = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"nbf\":" + inSeconds(3600) + ",\"exp\":"
                + inSeconds(7200) + "}";
        String noExpiry = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\"}";
        for (String claims : List.of(expired, notYet, noExpiry)) {
            assertThat(verifier.grantOf(rs256(KEYS.getPrivate(), header(null), claims))).as(claims).isEmpty();
        }
        // within the minute of clock skew, still valid
        String justExpired = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"exp\":" + inSeconds(-20) + "}";
        assertThat(verifier.grantOf(rs256(KEYS.getPrivate(), header(null), justExpired))).isPresent();
    }

    @Test
    void aWrongIssuerOrAudienceIsRefused() {
        String wrongIssuer = "{\"iss\":\"https://evil.example.org\",\"aud\":\"" + AUDIENCE + "\",\"exp\":" + inSeconds(600) + "}";
        String wrongAudience = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"another-service\",\"exp\":" + inSeconds(600) + "}";
        String noAudience = "{\"iss\":\"" + ISSUER + "\",\"exp\":" + inSeconds(600) + "}";
        for (String claims : List.of(wrongIssuer, wrongAudience, noAudience)) {
            assertThat(verifier.grantOf(rs256(KEYS.getPrivate(), header(null), claims))).as(claims).isEmpty();
        }
    }

    @Test
    void aTamperedPayloadOrAForeignSignatureIsRefused() {
        String good = rs256(KEYS.getPrivate(), header(null), claims("openid", null));
        String[] parts = good.split("\\.");
        String elevated = parts[0] + "." + B64.encodeToString(claims("patchserve:write", null).getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(verifier.grantOf(elevated)).isEmpty();
        assertThat(verifier.grantOf(rs256(OTHER_KEYS.getPrivate(), header(null), claims("patchserve:write", null)))).isEmpty();
        assertThat(verifier.grantOf("a.b.c")).isEmpty();
        assertThat(verifier.grantOf(parts[0] + "." + parts[1] + ".")).isEmpty();
    }

    @Test
    void anUnknownCriticalHeaderIsRefused() {
        // RFC 7515 4.1.11: a recipient that does not understand a "crit" extension must reject the token
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"crit\":[\"exp-policy\"],\"exp-policy\":\"lenient\"}";
        assertThat(verifier.grantOf(rs256(KEYS.getPrivate(), header, claims("patchserve:write", null)))).isEmpty();
    }

    @Test
    void anExpiryThatIsNotASensibleNumberIsRefused() {
        for (String exp : List.of("\"" + inSeconds(600) + "\"", "1e30", "9223372036854775807", String.valueOf(inSeconds(3 * 86400)),
                "-1", "null", "true")) {
            String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"scope\":\"patchserve:write\",\"exp\":" + exp + "}";
            assertThat(verifier.grantOf(rs256(KEYS.getPrivate(), header(null), claims))).as("exp " + exp).isEmpty();
        }
    }

    @Test
    void withAKeyIdConfiguredATokenMustNameIt() {
        JwtVerifier withKid = new JwtVerifier(config(Optional.of(ISSUER), Optional.of(AUDIENCE), Optional.of("key-2026")));
        assertThat(withKid.grantOf(rs256(KEYS.getPrivate(), header("key-2026"), claims("openid", null)))).isPresent();
        assertThat(withKid.grantOf(rs256(KEYS.getPrivate(), header("key-2025"), claims("openid", null)))).isEmpty();
        assertThat(withKid.grantOf(rs256(KEYS.getPrivate(), header(null), claims("openid", null)))).isEmpty();
    }

    @Test
    void withoutAConfiguredKeyNoJwtIsAccepted() {
        JwtVerifier off = new JwtVerifier(new TestConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        assertThat(off.enabled()).isFalse();
        assertThat(off.grantOf(rs256(KEYS.getPrivate(), header(null), claims("patchserve:write", null)))).isEmpty();
    }

    private static String header(String kid) {
        return kid == null ? "{\"alg\":\"RS256\",\"typ\":\"JWT\"}" : "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}";
    }

    private static String claims(String scope, String extra) {
        return "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"someone\",\"scope\":\"" + scope + "\",\"exp\":"
                + inSeconds(600) + (extra == null ? "" : "," + extra) + "}";
    }

    private static long inSeconds(long seconds) {
        return Instant.now().plusSeconds(seconds).getEpochSecond();
    }

    static String rs256(PrivateKey key, String header, String claims) {
        try {
            String input = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                    + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static AuthConfig config(Optional<String> issuer, Optional<String> audience, Optional<String> keyId) {
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----";
        return new TestConfig(Optional.of(pem), issuer, audience, keyId);
    }

    private record TestConfig(Optional<String> jwtPublicKey, Optional<String> jwtIssuer, Optional<String> jwtAudience,
                              Optional<String> jwtKeyId) implements AuthConfig {
        @Override
        public Optional<List<String>> writeKeys() {
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> readKeys() {
            return Optional.empty();
        }

        @Override
        public Duration jwtMaxLifetime() {
            return Duration.ofHours(24);
        }

        @Override
        public String jwtWriteScope() {
            return "patchserve:write";
        }

        @Override
        public boolean publicReads() {
            return true;
        }
    }
}
