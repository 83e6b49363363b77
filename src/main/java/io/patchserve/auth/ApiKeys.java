package io.patchserve.auth;

import io.patchserve.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * The configured API keys, held only as SHA-256 digests and compared in constant time; a key is never
 * logged or echoed. A credential is "Authorization: Bearer KEY" or "X-API-Key: KEY".
 */
@ApplicationScoped
public class ApiKeys {

    public enum Grant { NONE, READ, WRITE }

    private final List<byte[]> writeDigests = new ArrayList<>();
    private final List<byte[]> readDigests = new ArrayList<>();

    public ApiKeys(AuthConfig config) {
        config.writeKeys().orElse(List.of()).stream().map(String::strip).filter(k -> !k.isEmpty()).map(ApiKeys::digest).forEach(writeDigests::add);
        config.readKeys().orElse(List.of()).stream().map(String::strip).filter(k -> !k.isEmpty()).map(ApiKeys::digest).forEach(readDigests::add);
    }

    public Grant grantOf(String key) {
        if (key == null || key.isEmpty()) {
            return Grant.NONE;
        }
        byte[] presented = digest(key);
        boolean write = false;
        boolean read = false;
        // compare with every key, so that the time taken does not tell which prefix matched
        for (byte[] d : writeDigests) {
            write |= MessageDigest.isEqual(d, presented);
        }
        for (byte[] d : readDigests) {
            read |= MessageDigest.isEqual(d, presented);
        }
        return write ? Grant.WRITE : read ? Grant.READ : Grant.NONE;
    }


    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
