package io.patchserve.storage;

/** S3 answered, but not as expected: our fault or a misconfiguration, not a passing outage. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
