package io.patchserve.catalog;

import io.patchserve.error.ApiException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Where the next page starts: the last id served. Opaque to clients, who pass it back as {@code token}. */
public record PageCursor(String lastId) {

    private static final String VERSION = "1:";

    public String token() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((VERSION + lastId).getBytes(StandardCharsets.UTF_8));
    }

    public static PageCursor parse(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(VERSION) && decoded.length() > VERSION.length()) {
                return new PageCursor(decoded.substring(VERSION.length()));
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 400 below
        }
        throw ApiException.badRequest("token '" + token + "' is not a paging token issued by this service");
    }
}
