package io.patchserve.ingest;

import java.util.concurrent.Phaser;

/**
 * Units a walk handed out that still read what the walk opened (an HDF5 file, unpacked archives): each holds a
 * lease, and the walk closes what it opened only once every lease is given back.
 */
public final class UnitLeases {

    private final Phaser open = new Phaser(1);

    public Lease take() {
        open.register();
        return new Lease();
    }

    /** Waits until every lease taken so far has been given back. */
    public void awaitAllReturned() {
        open.arriveAndAwaitAdvance();
    }

    public final class Lease {
        private boolean returned;

        /** Gives the lease back; again is a no-op (units may be released more than once). */
        public void giveBack() {
            if (!returned) {
                returned = true;
                open.arriveAndDeregister();
            }
        }
    }
}
