package dev.crudjt;

/**
 * When a write of the master reaches the disk.
 *
 * @since 0.1.0
 */
public enum Durability {

    /**
     * Writes return at once and are committed and fsynced every commit interval; a crash loses
     * at most the writes of the last interval. The default, and by far the fastest.
     */
    INTERVAL,

    /**
     * Creates, updates, deletes and reads that consume a {@code silence_read} return only after
     * their commit is fsynced. Concurrent writers share one commit (group commit), so nothing
     * acknowledged is lost even on {@code kill -9} or power loss.
     */
    SYNC
}
