package io.patchserve.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Content-Disposition values (RFC 6266) that survive any file name: an ASCII fallback plus the UTF-8 original. */
public final class ContentDisposition {

    private ContentDisposition() {
    }

    /** Saved as a file by a browser. */
    public static String attachment(String fileName) {
        return of("attachment", fileName);
    }

    /** Shown by a browser where it can (an image), saved under this name otherwise. */
    public static String inline(String fileName) {
        return of("inline", fileName);
    }

    private static String of(String disposition, String fileName) {
        String ascii = fileName.replaceAll("[^A-Za-z0-9._+-]", "_");
        String header = disposition + "; filename=\"" + ascii + "\"";
        if (!ascii.equals(fileName)) {
            header += "; filename*=UTF-8''" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        }
        return header;
    }
}
