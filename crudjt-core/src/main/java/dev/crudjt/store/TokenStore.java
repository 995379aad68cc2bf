package dev.crudjt.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.crudjt.CrudJtError;
import dev.crudjt.CrudJtException;
import dev.crudjt.Durability;
import dev.crudjt.TokenRead;
import dev.crudjt.crypto.RecordCipher;
import dev.crudjt.json.JsonCodec;
import dev.crudjt.json.TokenData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token engine of a master: an H2 MVStore B-tree file of encrypted records, a Caffeine cache
 * of decoded ones, a commit thread and an expiry sweeper. Internal API: not supported for use
 * outside CRUDJT; use {@link dev.crudjt.CrudJt}.
 *
 * <p><b>Records.</b> Each token is filed under its {@linkplain RecordCipher#slotOf(String)
 * slot}, the token encrypted under a key derived from the secret, so the file holds no token
 * that could be presented to a master. A slot maps to {@code format(1) | expiresAt(8) |
 * readsLeft(8) | nonce | AES-GCM(json) | tag}. The header is stored in clear so that the
 * sweeper can find expired records without decrypting, and it is authenticated together with
 * the slot as associated data, so that neither can be altered or swapped. A record that does
 * not authenticate reads as absent.
 *
 * <p><b>Durability.</b> MVStore's own background writer is off; a daemon thread commits and
 * fsyncs so that every write is on disk at most one commit interval after it returned: each
 * commit starts early enough to end within the interval of the one before it, by a quarter of
 * the interval (for a commit thread that wakes late) plus twice the duration of the slowest
 * recent commit. Should the commit thread still fall behind (a starved thread, a paused JVM),
 * the next writer commits before it returns. A crash therefore loses at most the writes of the
 * last interval, unless a single commit takes more than about a third of it, which is logged.
 * MVStore writes append-only chunks and recovers to the newest complete one on open.
 *
 * <p><b>Write failures.</b> When a commit cannot be written (disk full, I/O error), MVStore
 * closes its file. The store then refuses every call with {@link CrudJtError#STORE_UNAVAILABLE}
 * and tries every commit interval to reopen the file. With {@link Durability#INTERVAL} the
 * records written since the last good commit are kept in memory (a journal of at most two
 * commit intervals) and written again on reopen, so nothing acknowledged is lost while the
 * process lives; with {@link Durability#SYNC} the writes of the failed commit were refused and
 * stay undone.
 *
 * <p><b>Integrity.</b> Every sweep also authenticates each record it passes, the expired ones
 * before it removes them, and logs one WARN with the number that fail (tampered with or
 * corrupted), except in the first sweep after the secret key changed, which already has its own
 * warning. A B-tree page that cannot be read fails only the calls that need it: its tokens
 * read as absent, and a WARN (at most once a minute) says the file is damaged.
 *
 * <p><b>File size.</b> The retention time of old chunks is four commit intervals (at least two
 * seconds): once a chunk is older than that and has no live pages, its space is reused. After
 * each commit the committer rewrites chunks that are less than half full ({@code compact(50,
 * 4 MiB)}), so creating and deleting tokens does not grow the file without bound.
 *
 * <p><b>Concurrency.</b> Writes and limited reads of one token are serialised on one of 1,024
 * lock stripes; unlimited reads that hit the cache take no lock. Every method is thread-safe.
 *
 * @since 0.1.0
 */
public final class TokenStore implements AutoCloseable {

    /** Name of the store file inside the store directory. */
    public static final String FILE_NAME = "crudjt.mv.db";

    /** Length of every token: 16 random bytes in URL-safe Base64 without padding. */
    public static final int TOKEN_LENGTH = 22;

    private static final Logger log = LoggerFactory.getLogger(TokenStore.class);

    private static final byte FORMAT = 2;

    private static final int HEADER_LENGTH = 17;

    private static final int STRIPES = 1024;

    private static final int SWEEP_BATCH = 512;

    /** Unsaved page memory past which the sweep waits for a commit, in bytes. */
    private static final int SWEEP_DIRTY_LIMIT = 1024 * 1024;

    private static final long SLOW_COMMIT_WARNING_NANOS = TimeUnit.MINUTES.toNanos(1);

    private static final String KEY_CHECK = "key-check";

    /**
     * Meta entry that a reopen after a write failure rewrites, so that the reopen proves the
     * file can be written even when there is nothing to replay.
     */
    private static final String WRITE_CHECK = "reopened-at";

    /** Journal value of a removed token; a real record is never empty. */
    private static final byte[] REMOVED = new byte[0];

    private static final Base64.Encoder TOKEN_ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Path file;

    private final int retentionMillis;

    private final long commitMillis;

    private volatile OpenFile current;

    private final RecordCipher cipher;

    private final JsonCodec codec;

    private final @Nullable Cache<String, Entry> cache;

    private final Object[] locks = new Object[STRIPES];

    private final LongSupplier clock;

    private final ScheduledThreadPoolExecutor background;

    /** Decaying maximum of recent commit durations, written only by the commit thread. */
    private volatile long commitEstimateNanos;

    /**
     * When the newest commit known to be on disk started ({@link System#nanoTime()}): every
     * write that returned before that moment is durable.
     */
    private volatile long durableSnapshotAt = System.nanoTime();

    /** When the last slow-commit warning was logged, read only by the commit thread. */
    private long lastSlowCommitWarning = System.nanoTime() - SLOW_COMMIT_WARNING_NANOS;

    private final Object commitLock = new Object();

    private final StoreLock storeLock;

    private final StoreVersionMark versionMark;

    private final AtomicLong damagedPageReads = new AtomicLong();

    private final AtomicLong lastDamageWarning =
            new AtomicLong(System.nanoTime() - SLOW_COMMIT_WARNING_NANOS - 1);

    private final Object durableMonitor = new Object();

    private final boolean syncWrites;

    private final AtomicReference<@Nullable String> failure = new AtomicReference<>();

    /** Records written since the last commit started; only kept with INTERVAL durability. */
    private volatile ConcurrentHashMap<String, byte[]> journal = new ConcurrentHashMap<>();

    /** Journal of the commit that failed, written again on reopen; guarded by commitLock. */
    private @Nullable Map<String, byte[]> unsaved;

    private volatile boolean closed;

    private volatile boolean keyChanged;

    private long syncedVersion = -1;

    private final AtomicLong writes = new AtomicLong();

    private long durableWrites;

    private boolean syncing;

    private TokenStore(StoreConfig config, LongSupplier clock, OpenFile current,
            StoreLock storeLock, StoreVersionMark versionMark) {
        this.storeLock = storeLock;
        this.versionMark = versionMark;
        this.file = config.directory().resolve(FILE_NAME);
        this.retentionMillis = retentionMillis(config);
        this.commitMillis = config.commitInterval().toMillis();
        this.current = current;
        this.clock = clock;
        this.syncWrites = config.durability() == Durability.SYNC;
        this.cipher = new RecordCipher(config.secret());
        this.codec = new JsonCodec(config.maxDataSize());
        this.cache = (config.cacheSize() > 0)
                ? Caffeine.newBuilder().maximumSize(config.cacheSize()).build() : null;
        for (int i = 0; i < STRIPES; i++) {
            this.locks[i] = new Object();
        }
        this.background = new ScheduledThreadPoolExecutor(2, TokenStore::newDaemonThread);
        this.background.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /**
     * Opens or creates the store file in the configured directory and starts the commit thread
     * and the sweeper.
     *
     * @param config the store settings
     * @return the open store
     * @throws CrudJtException {@link CrudJtError#STORE_LOCKED} when another master holds the
     *     file, {@link CrudJtError#STORE_UNAVAILABLE} when it cannot be created or read
     */
    public static TokenStore open(StoreConfig config) {
        return open(config, System::currentTimeMillis);
    }

    static TokenStore open(StoreConfig config, LongSupplier clock) {
        Path directory = config.directory();
        Path file = directory.resolve(FILE_NAME);
        prepareDirectory(directory, file);
        StoreLock storeLock = StoreLock.acquire(directory, file);
        TokenStore tokenStore;
        OpenFile opened;
        String keyCheck;
        try {
            prepareFile(file);
            storeLock.claimStoreFile();
            opened = openFile(file, retentionMillis(config));
            StoreVersionMark mark = null;
            try {
                StoreFiles.restrictFile(file);
                mark = StoreVersionMark.open(directory);
                checkNotRolledBack(file, opened.store().getCurrentVersion(), mark.marked());
                tokenStore = new TokenStore(config, clock, opened, storeLock, mark);
                keyCheck = tokenStore.checkKey();
            }
            catch (IOException ex) {
                closeQuietly(mark);
                opened.closeQuietly();
                throw cannotCreate(file, ex);
            }
            catch (CrudJtException ex) {
                closeQuietly(mark);
                opened.closeQuietly();
                throw ex;
            }
            catch (RuntimeException ex) {
                closeQuietly(mark);
                opened.closeQuietly();
                throw unavailable(file, ex);
            }
        }
        catch (RuntimeException ex) {
            storeLock.close();
            throw ex;
        }
        log.info("Token store opened at '{}' with {} tokens, secret key {}", file,
                opened.tokens().sizeAsLong(), keyCheck);
        tokenStore.startBackground(config);
        return tokenStore;
    }

    private static void closeQuietly(@Nullable StoreVersionMark mark) {
        if (mark != null) {
            mark.close();
        }
    }

    /**
     * Refuses a store file at an older version than the directory last committed: it was
     * replaced by an older copy, or its newest commits are damaged, and tokens deleted since
     * would be live again.
     */
    private static void checkNotRolledBack(Path file, long version, long marked) {
        if (marked > version) {
            throw new CrudJtException(CrudJtError.STORE_UNAVAILABLE, "Store file '" + file
                    + "' is at version " + version + ", older than version " + marked + " that "
                    + "its directory committed last: it was replaced by an older copy or its "
                    + "newest commits are damaged, so tokens deleted or changed since would be "
                    + "live again. Restore a newer copy, or move '" + StoreVersionMark.FILE_NAME
                    + "' out of the store directory to open the file as it is");
        }
    }

    private static int retentionMillis(StoreConfig config) {
        long intervalMillis = config.commitInterval().toMillis();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(2000, 4 * intervalMillis));
    }

    private static void prepareDirectory(Path directory, Path file) {
        try {
            StoreFiles.createPrivateDirectory(directory);
            if (!Files.isWritable(directory)) {
                throw new CrudJtException(CrudJtError.STORE_UNAVAILABLE, "Store directory '"
                        + directory + "' is not writable: fix its permissions or set another "
                        + "store path");
            }
        }
        catch (IOException | SecurityException ex) {
            throw cannotCreate(file, ex);
        }
    }

    private static void prepareFile(Path file) {
        try {
            StoreFiles.createPrivateFile(file);
        }
        catch (IOException | SecurityException ex) {
            throw cannotCreate(file, ex);
        }
    }

    private static CrudJtException cannotCreate(Path file, Exception ex) {
        return new CrudJtException(CrudJtError.STORE_UNAVAILABLE, "Cannot create the store at '"
                + file + "' (" + ex + "): fix the permissions of the directory or set another "
                + "store path", ex);
    }

    private static OpenFile openFile(Path file, int retentionMillis) {
        MVStore store;
        try {
            store = new MVStore.Builder()
                    .fileName(file.toString())
                    .autoCommitDisabled()
                    .cacheSize(64)
                    .open();
        }
        catch (MVStoreException ex) {
            if (ex.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw new CrudJtException(CrudJtError.STORE_LOCKED, "Store '" + file
                        + "' is already open in another master: connect to that master as a "
                        + "client (CrudJt.connectToMaster, or crudjt.mode=client) or set another "
                        + "store path", ex);
            }
            throw unavailable(file, ex);
        }
        catch (RuntimeException ex) {
            throw unavailable(file, ex);
        }
        try {
            store.setRetentionTime(retentionMillis);
            return new OpenFile(store, openMap(store, "tokens"), openMap(store, "meta"));
        }
        catch (RuntimeException ex) {
            store.closeImmediately();
            throw unavailable(file, ex);
        }
    }

    private static MVMap<String, byte[]> openMap(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<String, byte[]>()
                .keyType(CheckedDataTypes.KEYS)
                .valueType(CheckedDataTypes.VALUES));
    }

    private static CrudJtException unavailable(Path file, RuntimeException ex) {
        return new CrudJtException(CrudJtError.STORE_UNAVAILABLE, "Cannot open the store file '"
                + file + "': " + ex.getMessage() + "; if it is not a CRUDJT store, move it away or "
                + "set another store path", ex);
    }

    private String checkKey() {
        byte[] expected = this.cipher.keyCheck();
        MVMap<String, byte[]> meta = this.current.meta();
        byte[] stored = meta.get(KEY_CHECK);
        if (stored == null) {
            meta.put(KEY_CHECK, expected);
            return "set for a new store";
        }
        if (Arrays.equals(stored, expected)) {
            return "matches";
        }
        log.warn("Store '{}' was written with a different secret key: its {} existing tokens "
                + "will read as absent", this.file, this.current.tokens().sizeAsLong());
        meta.put(KEY_CHECK, expected);
        this.keyChanged = true;
        return "differs from the one that wrote the store";
    }

    private void startBackground(StoreConfig config) {
        this.background.schedule(this::commitOnSchedule, this.commitMillis * 3 / 4,
                TimeUnit.MILLISECONDS);
        this.background.scheduleWithFixedDelay(this::sweepQuietly, 0,
                config.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Returns the absolute path of the store file.
     *
     * @return the store file
     */
    public Path file() {
        return this.file;
    }

    /**
     * Returns the codec that checks token data against this store's size limit.
     *
     * @return the codec
     */
    public JsonCodec codec() {
        return this.codec;
    }

    /**
     * Returns the number of records in the file, including expired ones not yet swept.
     *
     * @return the record count
     */
    public long tokenCount() {
        return guard((open) -> open.tokens().sizeAsLong());
    }

    /**
     * Returns how many completed writes are not yet known to be fsynced; zero right after a
     * commit, and zero whenever a {@link Durability#SYNC} write has returned and no other write
     * followed.
     *
     * @return the number of writes not yet on disk
     */
    public long unsyncedWrites() {
        synchronized (this.durableMonitor) {
            return this.writes.get() - this.durableWrites;
        }
    }

    /**
     * Returns whether the store is still open.
     *
     * @return true until {@link #close()} starts
     */
    public boolean isOpen() {
        return !this.closed;
    }

    /**
     * Stores checked data under a new random token.
     *
     * @param data the checked data
     * @param ttl seconds to live, at least 1, or null
     * @param silenceRead reads allowed, at least 1, or null
     * @return the new token
     * @throws IllegalArgumentException when a limit is not allowed
     * @throws IllegalStateException when the store is closed
     * @throws CrudJtException {@link CrudJtError#STORE_UNAVAILABLE} when the file cannot be
     *     written
     */
    public String create(TokenData data, @Nullable Long ttl, @Nullable Long silenceRead) {
        long now = this.clock.getAsLong();
        long expiresAt = expiresAt(ttl, now);
        long readsLeft = readsLeft(silenceRead);
        checkUsable();
        Entry entry = new Entry(data.map(), data.json(), expiresAt, readsLeft);
        int damagedPages = 0;
        while (true) {
            byte[] tokenBytes = RecordCipher.randomBytes(16);
            String token = TOKEN_ENCODER.encodeToString(tokenBytes);
            String slot = this.cipher.slotOf(tokenBytes);
            byte[] record = seal(slot, entry);
            boolean stored;
            synchronized (lock(slot)) {
                try {
                    stored = guard((open) -> open.tokens().putIfAbsent(slot, record)) == null;
                }
                catch (DamagedPage ex) {
                    if (++damagedPages == 3) {
                        throw ex;
                    }
                    continue;
                }
                if (stored) {
                    journal(slot, record);
                    if (this.cache != null) {
                        this.cache.put(token, entry);
                    }
                }
            }
            if (stored) {
                awaitDurable();
                return token;
            }
        }
    }

    /**
     * Reads a token, consuming one read when it has a read limit.
     *
     * @param token the token
     * @return the data and remaining limits, or null if absent, expired or used up
     * @throws IllegalArgumentException when the token is null or blank
     * @throws IllegalStateException when the store is closed
     * @throws CrudJtException {@link CrudJtError#STORE_UNAVAILABLE} when the file cannot be
     *     written
     */
    public @Nullable TokenRead read(String token) {
        requireToken(token);
        checkUsable();
        if (token.length() != TOKEN_LENGTH) {
            return null;
        }
        long now = this.clock.getAsLong();
        Entry cached = (this.cache != null) ? this.cache.getIfPresent(token) : null;
        if (cached != null && cached.readsLeft == 0 && !cached.isExpired(now)) {
            return cached.toRead(now, null);
        }
        String slot = this.cipher.slotOf(token);
        if (slot == null) {
            return null;
        }
        TokenRead result;
        synchronized (lock(slot)) {
            try {
                Entry entry = load(token, slot, now);
                if (entry == null) {
                    return null;
                }
                if (entry.readsLeft == 0) {
                    return entry.toRead(now, null);
                }
                long left = entry.readsLeft - 1;
                if (left == 0) {
                    remove(token, slot);
                }
                else {
                    store(token, slot, entry.withReadsLeft(left));
                }
                result = entry.toRead(now, left);
            }
            catch (DamagedPage ex) {
                return null;
            }
        }
        awaitDurable();
        return result;
    }

    /**
     * Replaces the data and both limits of a live token.
     *
     * @param token the token
     * @param data the checked new data
     * @param ttl new seconds to live, at least 1, or null for none
     * @param silenceRead new reads allowed, at least 1, or null for unlimited
     * @return true if the token was live, false if it was absent
     * @throws IllegalArgumentException when the token is blank or a limit is not allowed
     * @throws IllegalStateException when the store is closed
     * @throws CrudJtException {@link CrudJtError#STORE_UNAVAILABLE} when the file cannot be
     *     written
     */
    public boolean update(String token, TokenData data, @Nullable Long ttl,
            @Nullable Long silenceRead) {
        requireToken(token);
        long now = this.clock.getAsLong();
        long expiresAt = expiresAt(ttl, now);
        long readsLeft = readsLeft(silenceRead);
        checkUsable();
        if (token.length() != TOKEN_LENGTH) {
            return false;
        }
        String slot = this.cipher.slotOf(token);
        if (slot == null) {
            return false;
        }
        synchronized (lock(slot)) {
            try {
                if (load(token, slot, now) == null) {
                    return false;
                }
                store(token, slot, new Entry(data.map(), data.json(), expiresAt, readsLeft));
            }
            catch (DamagedPage ex) {
                return false;
            }
        }
        awaitDurable();
        return true;
    }

    /**
     * Removes a token.
     *
     * @param token the token
     * @return true if a live token was removed, false if it was absent
     * @throws IllegalArgumentException when the token is null or blank
     * @throws IllegalStateException when the store is closed
     * @throws CrudJtException {@link CrudJtError#STORE_UNAVAILABLE} when the file cannot be
     *     written
     */
    public boolean delete(String token) {
        requireToken(token);
        checkUsable();
        if (token.length() != TOKEN_LENGTH) {
            return false;
        }
        String slot = this.cipher.slotOf(token);
        if (slot == null) {
            return false;
        }
        long now = this.clock.getAsLong();
        synchronized (lock(slot)) {
            try {
                if (load(token, slot, now) == null) {
                    return false;
                }
                remove(token, slot);
            }
            catch (DamagedPage ex) {
                return false;
            }
        }
        awaitDurable();
        return true;
    }

    /**
     * Removes every expired record, in batches that each hold a lock stripe only briefly.
     *
     * @return the number of records removed
     */
    public long sweep() {
        return sweepAndCheck().removed();
    }

    private SweepResult sweepAndCheck() {
        long removed = 0;
        long unreadable = 0;
        String from = null;
        while (!this.closed && this.failure.get() == null) {
            long now = this.clock.getAsLong();
            List<String> expired = new ArrayList<>();
            String last = null;
            String start = from;
            Cursor<String, byte[]> cursor = guard((open) -> open.tokens().cursor(start));
            for (int i = 0; i < SWEEP_BATCH && cursor.hasNext(); i++) {
                last = cursor.next();
                byte[] record = cursor.getValue();
                if (!isAuthentic(last, record)) {
                    unreadable++;
                }
                if (isExpired(record, now)) {
                    expired.add(last);
                }
            }
            for (String slot : expired) {
                removed += removeIfExpired(slot, now);
            }
            if (!expired.isEmpty()) {
                awaitCommitOfSweep();
            }
            if (last == null || !cursor.hasNext()) {
                break;
            }
            String after = last;
            from = guard((open) -> open.tokens().higherKey(after));
            if (from == null) {
                break;
            }
        }
        return new SweepResult(removed, unreadable);
    }

    /**
     * Waits, for at most two commit intervals, while the removals of the sweep not yet
     * committed pass {@link #SWEEP_DIRTY_LIMIT}, so that one sweep of many expired tokens
     * cannot make a commit so large that it outlasts the commit interval.
     */
    private void awaitCommitOfSweep() {
        long deadline = System.nanoTime()
                + TimeUnit.MILLISECONDS.toNanos(2 * this.commitMillis);
        while (!this.closed && this.failure.get() == null
                && this.current.store().getUnsavedMemory() > SWEEP_DIRTY_LIMIT
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(Math.max(1, this.commitMillis / 20));
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Commits pending writes and forces them to disk.
     *
     * @throws CrudJtException {@link CrudJtError#STORE_UNAVAILABLE} when the file cannot be
     *     written
     */
    public void commit() {
        commit(false);
    }

    private void commit(boolean housekeeping) {
        synchronized (this.commitLock) {
            requireWritable();
            long snapshotAt = System.nanoTime();
            long completedWrites = this.writes.get();
            Map<String, byte[]> committing = takeJournal();
            OpenFile open = this.current;
            try {
                MVStore store = open.store();
                if (store.hasUnsavedChanges()) {
                    store.commit();
                }
                long version = store.getCurrentVersion();
                if (version != this.syncedVersion) {
                    store.sync();
                    this.syncedVersion = version;
                    this.versionMark.mark(version);
                    if (housekeeping) {
                        compact(store);
                    }
                }
                markDurable(completedWrites);
                this.durableSnapshotAt = snapshotAt;
            }
            catch (RuntimeException ex) {
                this.unsaved = committing;
                open.closeQuietly();
                markFailed(ex);
                throw notWritable();
            }
        }
    }

    private Map<String, byte[]> takeJournal() {
        if (this.syncWrites) {
            return Map.of();
        }
        Map<String, byte[]> taken = this.journal;
        this.journal = new ConcurrentHashMap<>();
        return taken;
    }

    private void markDurable(long completedWrites) {
        synchronized (this.durableMonitor) {
            if (completedWrites > this.durableWrites) {
                this.durableWrites = completedWrites;
                this.durableMonitor.notifyAll();
            }
        }
    }

    /**
     * Counts a completed write and, in {@link Durability#SYNC} mode, waits until a commit that
     * started after it is on disk. The first waiter commits for everyone waiting (group commit).
     */
    private void awaitDurable() {
        long written = this.writes.incrementAndGet();
        if (!this.syncWrites) {
            catchUpIfBehind();
            return;
        }
        while (true) {
            synchronized (this.durableMonitor) {
                while (this.durableWrites < written && this.syncing) {
                    try {
                        this.durableMonitor.wait();
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                        throw new CrudJtException(CrudJtError.STORE_UNAVAILABLE, "Interrupted "
                                + "while waiting for the commit of a write to '" + this.file
                                + "'; the write may or may not be on disk", ex);
                    }
                }
                if (this.durableWrites >= written) {
                    return;
                }
                this.syncing = true;
            }
            try {
                commit(false);
            }
            finally {
                synchronized (this.durableMonitor) {
                    this.syncing = false;
                    this.durableMonitor.notifyAll();
                }
            }
        }
    }

    /**
     * Commits on the writer's thread when the newest commit on disk started longer ago than
     * the commit interval less an eighth and less the recent commit duration, which the commit
     * thread never lets happen while it runs on time. A commit thread that runs late (a busy
     * machine, a paused JVM) therefore cannot stretch past one interval the writes that a
     * crash loses: no write returns while the store is that far behind. A failed commit is
     * left to the commit thread; this write is in the journal kept for the reopen.
     */
    private void catchUpIfBehind() {
        if (System.nanoTime() - this.durableSnapshotAt <= lagLimitNanos()) {
            return;
        }
        synchronized (this.commitLock) {
            if (this.closed || this.failure.get() != null
                    || System.nanoTime() - this.durableSnapshotAt <= lagLimitNanos()) {
                return;
            }
            try {
                commit(false);
            }
            catch (CrudJtException ex) {
                log.debug("Commit of '{}' by a writer failed", this.file, ex);
            }
        }
    }

    private long lagLimitNanos() {
        long interval = TimeUnit.MILLISECONDS.toNanos(this.commitMillis);
        return Math.max(interval / 4, interval - interval / 8 - this.commitEstimateNanos);
    }

    private static void compact(MVStore store) {
        if (store.getFileStore().getFillRate() < 50) {
            store.compact(50, 4 * 1024 * 1024);
        }
    }

    /**
     * Stops the background threads, commits, syncs and closes the file. Calling it again has no
     * effect. When the file cannot be written even then, the file is closed without the writes
     * of the last commit interval and an ERROR is logged; the method does not throw.
     */
    @Override
    public void close() {
        synchronized (this.commitLock) {
            if (this.closed) {
                return;
            }
            this.closed = true;
        }
        this.background.shutdown();
        try {
            this.background.awaitTermination(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        synchronized (this.commitLock) {
            try {
                closeFile();
            }
            finally {
                this.versionMark.close();
                this.storeLock.close();
            }
        }
    }

    private void closeFile() {
        if (this.failure.get() != null) {
            reopen();
        }
        OpenFile open = this.current;
        if (this.failure.get() != null) {
            open.closeQuietly();
            log.error("Token store closed at '{}' without the writes of its last commit "
                    + "interval, because the file still cannot be written ({})", this.file,
                    this.failure.get());
            return;
        }
        try {
            long count = open.tokens().sizeAsLong();
            open.store().commit();
            open.store().sync();
            this.versionMark.mark(open.store().getCurrentVersion());
            open.store().close();
            log.info("Token store closed at '{}' with {} tokens", this.file, count);
        }
        catch (RuntimeException ex) {
            open.closeQuietly();
            log.error("Token store closed at '{}' without the writes of its last commit "
                    + "interval, because they could not be written", this.file, ex);
        }
    }

    /**
     * Commits, then schedules the next commit to start three quarters of an interval after
     * this one started, less twice the recent commit duration, so that a write made just after
     * this commit took its snapshot is on disk within one interval.
     */
    private void commitOnSchedule() {
        long start = System.nanoTime();
        commitQuietly();
        long took = System.nanoTime() - start;
        this.commitEstimateNanos = Math.max(took,
                this.commitEstimateNanos - this.commitEstimateNanos / 8);
        long interval = TimeUnit.MILLISECONDS.toNanos(this.commitMillis);
        if (3 * took > interval) {
            log.debug("Commit of '{}' took {} ms", this.file, took / 1_000_000);
        }
        if (3 * took > interval
                && start - this.lastSlowCommitWarning > SLOW_COMMIT_WARNING_NANOS) {
            this.lastSlowCommitWarning = start;
            log.warn("A commit of store '{}' took {} ms, more than a third of the commit "
                    + "interval of {} ms: while commits are this slow, a crash can lose more "
                    + "than one interval of writes", this.file, took / 1_000_000,
                    this.commitMillis);
        }
        long period = Math.max(interval / 10,
                interval - interval / 4 - 2 * this.commitEstimateNanos);
        long delay = Math.max(0, start + period - System.nanoTime());
        if (this.closed) {
            return;
        }
        try {
            this.background.schedule(this::commitOnSchedule, delay, TimeUnit.NANOSECONDS);
        }
        catch (RejectedExecutionException ex) {
            log.debug("Commit thread of '{}' stopped", this.file);
        }
    }

    private void commitQuietly() {
        if (this.failure.get() != null) {
            synchronized (this.commitLock) {
                if (!this.closed) {
                    reopen();
                }
            }
            return;
        }
        try {
            commit(true);
        }
        catch (CrudJtException ex) {
            if (ex.error() != CrudJtError.STORE_UNAVAILABLE && !this.closed) {
                log.warn("Commit of store '{}' failed; retrying in the next interval", this.file,
                        ex);
            }
        }
        catch (RuntimeException ex) {
            if (!this.closed) {
                log.warn("Commit of store '{}' failed; retrying in the next interval", this.file,
                        ex);
            }
        }
    }

    /**
     * Reopens the file after a failure and writes the journal again; on success calls are
     * served again. Runs under the commit lock.
     */
    private void reopen() {
        for (Object lock : this.locks) {
            synchronized (lock) {
                continue;
            }
        }
        this.current.closeQuietly();
        OpenFile reopened;
        try {
            reopened = openFile(this.file, this.retentionMillis);
        }
        catch (CrudJtException ex) {
            log.debug("Store file '{}' cannot be reopened yet", this.file, ex);
            return;
        }
        long reopenedAt = System.nanoTime();
        long completedWrites = this.writes.get();
        Map<String, byte[]> older = (this.unsaved != null) ? this.unsaved : Map.of();
        Map<String, byte[]> newer = this.journal;
        int replayed;
        try {
            replayed = replay(reopened.tokens(), older) + replay(reopened.tokens(), newer);
            reopened.meta().put(WRITE_CHECK, longBytes(System.currentTimeMillis()));
            reopened.store().commit();
            reopened.store().sync();
            this.versionMark.mark(reopened.store().getCurrentVersion());
        }
        catch (RuntimeException ex) {
            reopened.closeQuietly();
            log.debug("Store file '{}' cannot be written yet", this.file, ex);
            return;
        }
        this.current = reopened;
        this.durableSnapshotAt = reopenedAt;
        this.syncedVersion = reopened.store().getCurrentVersion();
        this.unsaved = null;
        this.journal = new ConcurrentHashMap<>();
        if (this.cache != null) {
            this.cache.invalidateAll();
        }
        markDurable(completedWrites);
        this.failure.set(null);
        log.warn("Store file '{}' can be written again: reopened it and wrote {} records kept in "
                + "memory since its last commit", this.file, replayed);
    }

    private static int replay(MVMap<String, byte[]> tokens, Map<String, byte[]> records) {
        for (Map.Entry<String, byte[]> record : records.entrySet()) {
            if (record.getValue() == REMOVED) {
                tokens.remove(record.getKey());
            }
            else {
                tokens.put(record.getKey(), record.getValue());
            }
        }
        return records.size();
    }

    private void sweepQuietly() {
        if (this.failure.get() != null) {
            return;
        }
        try {
            long start = System.nanoTime();
            SweepResult result = sweepAndCheck();
            log.info("Swept {} expired tokens from '{}' in {} ms", result.removed(), this.file,
                    (System.nanoTime() - start) / 1_000_000);
            boolean afterKeyChange = this.keyChanged;
            this.keyChanged = false;
            if (result.unreadable() > 0 && !afterKeyChange) {
                log.warn("{} token records in '{}' fail authentication and read as absent "
                        + "(tampered with, corrupted, or written with another secret key)",
                        result.unreadable(), this.file);
            }
        }
        catch (RuntimeException ex) {
            if (!this.closed && this.failure.get() == null) {
                log.warn("Sweep of store '{}' failed; retrying in the next interval", this.file,
                        ex);
            }
        }
    }

    /**
     * Removes the record in a slot if it expired. The token is not known here, so a cached
     * copy stays until the cache evicts it; it is never served, as it expired too.
     */
    private int removeIfExpired(String slot, long now) {
        synchronized (lock(slot)) {
            byte[] record = guard((open) -> open.tokens().get(slot));
            if (record == null || !isExpired(record, now)) {
                return 0;
            }
            remove(null, slot);
            return 1;
        }
    }

    private @Nullable Entry load(String token, String slot, long now) {
        Entry entry = (this.cache != null) ? this.cache.getIfPresent(token) : null;
        if (entry == null) {
            byte[] record = guard((open) -> open.tokens().get(slot));
            if (record == null) {
                return null;
            }
            entry = unseal(slot, record);
            if (entry == null) {
                return null;
            }
            if (this.cache != null && !entry.isExpired(now)) {
                this.cache.put(token, entry);
            }
        }
        if (entry.isExpired(now)) {
            remove(token, slot);
            return null;
        }
        return entry;
    }

    private void store(String token, String slot, Entry entry) {
        byte[] record = seal(slot, entry);
        guard((open) -> open.tokens().put(slot, record));
        journal(slot, record);
        if (this.cache != null) {
            this.cache.put(token, entry);
        }
    }

    private void remove(@Nullable String token, String slot) {
        guard((open) -> open.tokens().remove(slot));
        journal(slot, REMOVED);
        if (this.cache != null && token != null) {
            this.cache.invalidate(token);
        }
    }

    /** Notes a write made under the slot's lock stripe, for replay after a failed commit. */
    private void journal(String slot, byte[] record) {
        if (!this.syncWrites) {
            this.journal.put(slot, record);
        }
    }

    private byte[] seal(String slot, Entry entry) {
        byte[] record = new byte[HEADER_LENGTH + RecordCipher.sealedLength(entry.json.length)];
        record[0] = FORMAT;
        putLong(record, 1, entry.expiresAt);
        putLong(record, 9, entry.readsLeft);
        this.cipher.seal(associatedData(slot, record), entry.json, record, HEADER_LENGTH);
        return record;
    }

    private boolean isAuthentic(String slot, byte[] record) {
        return hasRecordShape(record)
                && this.cipher.open(associatedData(slot, record), record, HEADER_LENGTH) != null;
    }

    private static boolean hasRecordShape(byte[] record) {
        return record.length >= HEADER_LENGTH + RecordCipher.sealedLength(2)
                && record[0] == FORMAT;
    }

    private @Nullable Entry unseal(String slot, byte[] record) {
        if (!hasRecordShape(record)) {
            return null;
        }
        byte[] json = this.cipher.open(associatedData(slot, record), record, HEADER_LENGTH);
        if (json == null) {
            return null;
        }
        try {
            return new Entry(this.codec.decode(json), json, getLong(record, 1),
                    getLong(record, 9));
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static byte[] associatedData(String slot, byte[] record) {
        byte[] slotBytes = slot.getBytes(StandardCharsets.US_ASCII);
        byte[] aad = Arrays.copyOf(slotBytes, slotBytes.length + HEADER_LENGTH);
        System.arraycopy(record, 0, aad, slotBytes.length, HEADER_LENGTH);
        return aad;
    }

    private static boolean isExpired(byte[] record, long now) {
        if (record.length < HEADER_LENGTH) {
            return false;
        }
        long expiresAt = getLong(record, 1);
        return expiresAt != 0 && now >= expiresAt;
    }

    private static long expiresAt(@Nullable Long ttl, long now) {
        if (ttl == null) {
            return 0;
        }
        if (ttl < 1) {
            throw new IllegalArgumentException("'ttl' must be at least 1 second, was " + ttl);
        }
        if (ttl > (Long.MAX_VALUE - now) / 1000) {
            throw new IllegalArgumentException("'ttl' of " + ttl + " seconds overflows the clock;"
                    + " the most allowed now is " + (Long.MAX_VALUE - now) / 1000);
        }
        return now + ttl * 1000;
    }

    private static long readsLeft(@Nullable Long silenceRead) {
        if (silenceRead == null) {
            return 0;
        }
        if (silenceRead < 1) {
            throw new IllegalArgumentException(
                    "'silenceRead' must be at least 1, was " + silenceRead);
        }
        return silenceRead;
    }

    private static void requireToken(@Nullable String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("'token' must not be null or blank");
        }
    }

    private void checkUsable() {
        if (this.closed) {
            throw new IllegalStateException("Token store '" + this.file + "' is closed");
        }
        requireWritable();
    }

    private void requireWritable() {
        if (this.failure.get() != null) {
            throw notWritable();
        }
    }

    private CrudJtException notWritable() {
        return new CrudJtException(CrudJtError.STORE_UNAVAILABLE, "Store file '" + this.file
                + "' cannot be written (" + this.failure.get() + "): calls fail until it can be"
                + " written again, which is retried every " + this.commitMillis + " ms; free disk "
                + "space or fix the file system");
    }

    private DamagedPage damagedPage(RuntimeException ex) {
        long count = this.damagedPageReads.incrementAndGet();
        long now = System.nanoTime();
        long last = this.lastDamageWarning.get();
        if (now - last > SLOW_COMMIT_WARNING_NANOS
                && this.lastDamageWarning.compareAndSet(last, now)) {
            log.warn("Store file '{}' has a damaged page ({}): {} calls needed it so far, and "
                    + "the tokens on it read as absent. Restore the file from a backup, or move "
                    + "it away to start empty", this.file, rootMessage(ex), count);
        }
        return new DamagedPage(this.file, ex);
    }

    private void markFailed(RuntimeException ex) {
        String reason = rootMessage(ex);
        if (this.failure.compareAndSet(null, reason)) {
            log.error("Cannot write the store file '{}' ({}): calls fail with STORE_UNAVAILABLE "
                    + "until it can be written again", this.file, reason, ex);
        }
    }

    private static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = (root.getMessage() != null) ? root.getMessage() : ex.getMessage();
        return (message != null) ? message : root.getClass().getSimpleName();
    }

    /**
     * Runs a call into MVStore with the interrupt flag cleared, because an interrupt during file
     * I/O would close the shared file channel; the flag is restored afterwards. A failure that
     * closed the current file marks the store as not writable; one of a file already replaced
     * by a reopen only fails the call. A failure that left the file open came from reading a
     * damaged page: it fails only the calls that need that page, as {@link DamagedPage}.
     */
    private <T> T guard(StoreCall<T> call) {
        boolean interrupted = Thread.interrupted();
        OpenFile open = this.current;
        try {
            return call.run(open);
        }
        catch (RuntimeException ex) {
            if (this.closed) {
                throw new IllegalStateException("Token store '" + this.file + "' is closed", ex);
            }
            if (open != this.current) {
                throw notWritable();
            }
            if (open.store().isClosed()) {
                markFailed(ex);
                throw notWritable();
            }
            throw damagedPage(ex);
        }
        finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Object lock(String slot) {
        int hash = slot.hashCode();
        return this.locks[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
    }

    private static byte[] longBytes(long value) {
        byte[] bytes = new byte[Long.BYTES];
        putLong(bytes, 0, value);
        return bytes;
    }

    private static void putLong(byte[] bytes, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            bytes[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    private static long getLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static Thread newDaemonThread(Runnable task) {
        Thread thread = new Thread(task, "crudjt-store");
        thread.setDaemon(true);
        return thread;
    }

    @FunctionalInterface
    private interface StoreCall<T> {

        @Nullable T run(OpenFile open);
    }

    /**
     * A call needed a page of the file that cannot be read; the store stays open, and the
     * tokens on that page read as absent.
     */
    private static final class DamagedPage extends CrudJtException {

        private static final long serialVersionUID = 1L;

        DamagedPage(Path file, RuntimeException cause) {
            super(CrudJtError.STORE_UNAVAILABLE, "Store file '" + file + "' has a damaged page ("
                    + rootMessage(cause) + "); restore it from a backup, or move it away to "
                    + "start empty", cause);
        }
    }

    /** One opening of the store file: the MVStore and its two maps. */
    private record OpenFile(MVStore store, MVMap<String, byte[]> tokens,
            MVMap<String, byte[]> meta) {

        void closeQuietly() {
            try {
                this.store.closeImmediately();
            }
            catch (RuntimeException ex) {
                log.debug("Closing a failed store file raised", ex);
            }
        }
    }

    private record SweepResult(long removed, long unreadable) {
    }

    private record Entry(Map<String, Object> data, byte[] json, long expiresAt, long readsLeft) {

        boolean isExpired(long now) {
            return this.expiresAt != 0 && now >= this.expiresAt;
        }

        Entry withReadsLeft(long left) {
            return new Entry(this.data, this.json, this.expiresAt, left);
        }

        TokenRead toRead(long now, @Nullable Long silenceRead) {
            Long ttl = (this.expiresAt == 0) ? null : (this.expiresAt - now + 999) / 1000;
            return new TokenRead(this.data, ttl, silenceRead);
        }
    }
}
