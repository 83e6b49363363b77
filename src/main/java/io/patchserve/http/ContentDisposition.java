package io.patchserve.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Content-Disposition values (RFC 6266) that survive any file name: an ASCII fallback plus the UTF-8 original. */
public final class ContentDisposition {

    private ContentDisposition() {
    }

    public static String attachment(String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._+-]", "_");
        String header = "attachment; filename=\"" + ascii + "\"";
        if (!ascii.equals(fileName)) {
            header += "; filename*=UTF-8''" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        }
        return header;
    }
}
