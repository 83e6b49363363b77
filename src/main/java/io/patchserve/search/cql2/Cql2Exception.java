package io.patchserve.search.cql2;

/** A filter that cannot be parsed or compiled; the message says what and where. */
public class Cql2Exception extends RuntimeException {
    public Cql2Exception(String message) {
        super(message);
    }
}
