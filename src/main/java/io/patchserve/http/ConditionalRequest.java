package io.patchserve.http;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The request headers that make a download conditional or partial (RFC 9110 §13, §14), as one parameter of every
 * byte-serving route: {@code @BeanParam ConditionalRequest conditions}.
 *
 * @param ifNoneMatch entity tags the client has (304 when one matches)
 * @param range       the byte range asked for (one range is honoured; see {@link ByteRange})
 * @param ifRange     the entity tag the range is valid for (otherwise the whole representation is sent)
 */
public record ConditionalRequest(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                 @HeaderParam("Range") String range,
                                 @HeaderParam("If-Range") String ifRange) {

    /** No conditions: the whole representation. */
    public static final ConditionalRequest NONE = new ConditionalRequest(null, null, null);
}
