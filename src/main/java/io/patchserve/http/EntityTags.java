package io.patchserve.http;

/** Strong entity tags from content digests, and the comparisons of RFC 9110 §8.8.3 and §13. */
public final class EntityTags {

    private EntityTags() {
    }

    public static String strong(String sha256Hex) {
        return "\"" + sha256Hex + "\"";
    }

    /** If-None-Match uses the weak comparison: W/"x" matches "x"; "*" matches anything. */
    public static boolean noneMatchHits(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** If-Range uses the strong comparison; a date or weak tag never matches, so the whole body is sent. */
    public static boolean ifRangeHolds(String ifRange, String etag) {
        return ifRange == null || ifRange.trim().equals(etag);
    }
}
