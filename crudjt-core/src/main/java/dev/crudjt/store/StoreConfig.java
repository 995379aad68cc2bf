package dev.crudjt.store;

import dev.crudjt.Durability;
import dev.crudjt.MasterOptions;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of one {@link TokenStore}. Internal API: not supported for use outside CRUDJT.
 *
 * @param directory the resolved store directory
 * @param secret the decoded secret key
 * @param commitInterval interval between commits and fsyncs
 * @param sweepInterval interval between sweeps of expired tokens
 * @param cacheSize entries kept in the hot cache, 0 for none
 * @param maxDataSize limit in bytes of the JSON form of token data
 * @param durability when writes reach the disk
 * @since 0.1.0
 */
public record StoreConfig(Path directory, byte[] secret, Duration commitInterval,
        Duration sweepInterval, long cacheSize, int maxDataSize, Durability durability) {

    /**
     * Derives the store settings from master options, resolving the store directory.
     *
     * @param options the master options
     * @return the store settings
     */
    public static StoreConfig from(MasterOptions options) {
        return new StoreConfig(StoreLocation.resolve(options.storePath()), options.secretKey(),
                options.commitInterval(), options.sweepInterval(), options.cacheSize(),
                options.maxDataSize(), options.durability());
    }

    @Override
    public String toString() {
        return "StoreConfig{directory=" + this.directory + ", commitInterval="
                + this.commitInterval + ", sweepInterval=" + this.sweepInterval + ", cacheSize="
                + this.cacheSize + ", maxDataSize=" + this.maxDataSize + ", durability="
                + this.durability + ", secret=(hidden)}";
    }
}
