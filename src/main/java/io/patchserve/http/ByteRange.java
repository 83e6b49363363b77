package io.patchserve.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a representation (RFC 9110 §14). Only single ranges are honoured: a
 * multi-range or malformed header is ignored and the whole representation is served, as the RFC allows.
 */
public record ByteRange(long first, long last) {

    private static final Pattern SINGLE = Pattern.compile("\\s*bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");

    public long length() {
        return last - first + 1;
    }

    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    /** What a Range header asks of a representation of {@code size} bytes. */
    public sealed interface Request permits Whole, Partial, Unsatisfiable {
    }

    public record Whole() implements Request {
    }

    public record Partial(ByteRange range) implements Request {
    }

    public record Unsatisfiable() implements Request {
    }

    public static Request parse(String header, long size) {
        if (header == null) {
            return new Whole();
        }
        Matcher m = SINGLE.matcher(header);
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return new Whole();
        }
        Optional<Long> start = number(m.group(1));
        Optional<Long> end = number(m.group(2));
        if ((!m.group(1).isEmpty() && start.isEmpty()) || (!m.group(2).isEmpty() && end.isEmpty())) {
            return new Whole(); // digits beyond a long: not a range we can read
        }
        if (start.isEmpty()) {
            long suffix = end.get();
            if (suffix == 0 || size == 0) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(Math.max(0, size - suffix), size - 1));
        }
        long first = start.get();
        if (end.isPresent() && end.get() < first) {
            return new Whole(); // syntactically invalid: ignore
        }
        if (first >= size) {
            return new Unsatisfiable();
        }
        long last = end.map(e -> Math.min(e, size - 1)).orElse(size - 1);
        return new Partial(new ByteRange(first, last));
    }

    private static Optional<Long> number(String digits) {
        if (digits.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
