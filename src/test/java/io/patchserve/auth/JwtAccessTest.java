package io.patchserve.auth;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Bearer JWTs signed by the configured key may write with the write scope, read without it. */
@QuarkusTest
@TestProfile(JwtAccessTest.WithJwtKey.class)
class JwtAccessTest {

    /** The key pair lives in files so that the profile (another class loader) and the test share it. */
    static final Path KEYS = Path.of(System.getProperty("java.io.tmpdir"), "patchserve-jwt-test");

    static synchronized KeyPair keys() throws Exception {
        Path pub = KEYS.resolve("public.der");
        Path priv = KEYS.resolve("private.der");
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        if (!Files.exists(priv)) {
            Files.createDirectories(KEYS);
            KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
            Files.write(pub, pair.getPublic().getEncoded());
            Files.write(priv, pair.getPrivate().getEncoded());
        }
        return new KeyPair(rsa.generatePublic(new java.security.spec.X509EncodedKeySpec(Files.readAllBytes(pub))),
                rsa.generatePrivate(new PKCS8EncodedKeySpec(Files.readAllBytes(priv))));
    }

    public static class WithJwtKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                String pem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder().encodeToString(keys().getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----";
                return Map.of("patchserve.auth.jwt-public-key", pem, "patchserve.auth.jwt-issuer", "https://idp.example.org");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String token(PrivateKey key, String claims) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64.encodeToString(rsa.sign());
    }

    private static String body(String id) {
        return "{\"id\":\"" + id + "\",\"description\":\"d\",\"license\":\"CC0-1.0\"}";
    }

    @Test
    void aWriteScopedTokenWritesAReadTokenDoesNot() throws Exception {
        PrivateKey key = keys().getPrivate();
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        String writer = token(key, "{\"iss\":\"https://idp.example.org\",\"sub\":\"pub\",\"scope\":\"openid patchserve:write\",\"exp\":" + exp + "}");
        String reader = token(key, "{\"iss\":\"https://idp.example.org\",\"sub\":\"res\",\"scope\":\"openid\",\"exp\":" + exp + "}");
        String id = "jwt-" + UUID.randomUUID().toString().substring(0, 8);

        given().header("Authorization", "Bearer " + reader).contentType(ContentType.JSON).body(body(id))
                .post("/collections").then().statusCode(403);
        // a JWT is a bearer token; in X-API-Key it is no credential
        given().header("X-API-Key", writer).contentType(ContentType.JSON).body(body(id))
                .post("/collections").then().statusCode(401);
        given().header("Authorization", "Bearer " + writer).contentType(ContentType.JSON).body(body(id))
                .post("/collections").then().statusCode(201);
    }

    @Test
    void expiredForeignOrTamperedTokensAre401() throws Exception {
        PrivateKey key = keys().getPrivate();
        long past = Instant.now().minusSeconds(3600).getEpochSecond();
        long exp = Instant.now().plusSeconds(600).getEpochSecond();
        String expired = token(key, "{\"iss\":\"https://idp.example.org\",\"scope\":\"patchserve:write\",\"exp\":" + past + "}");
        String otherIssuer = token(key, "{\"iss\":\"https://evil.example.org\",\"scope\":\"patchserve:write\",\"exp\":" + exp + "}");
        String foreignKey = token(KeyPairGenerator.getInstance("RSA").generateKeyPair().getPrivate(),
                "{\"iss\":\"https://idp.example.org\",\"scope\":\"patchserve:write\",\"exp\":" + exp + "}");
        String good = token(key, "{\"iss\":\"https://idp.example.org\",\"scope\":\"patchserve:write\",\"exp\":" + exp + "}");
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"iss\":\"https://idp.example.org\",\"scope\":\"patchserve:write\",\"exp\":" + (exp + 999999) + "}").getBytes()) + "." + parts[2];
        for (String bad : new String[]{expired, otherIssuer, foreignKey, tampered, "a.b.c"}) {
            given().header("Authorization", "Bearer " + bad).contentType(ContentType.JSON).body(body("x-" + UUID.randomUUID().toString().substring(0, 6)))
                    .post("/collections").then().statusCode(401);
        }
    }
}
