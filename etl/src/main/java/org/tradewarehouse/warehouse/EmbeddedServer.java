package org.tradewarehouse.warehouse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The embedded PostgreSQL of a data folder as this process uses it: started here, or found already running, started by
 * another trade-etl process (a {@code serve} in another terminal), and then used as it is.
 *
 * <p>The process that starts it writes {@value #RECORD} beside the data: its pid, its command and the port. Another
 * command that finds that process alive and PostgreSQL answering on that port with this very data folder connects to
 * it instead of starting its own (which the lock of the data folder, {@code epg-lock}, would refuse). When it is
 * neither running nor free (being started or stopped by another process), a command waits for it up to
 * {@code trade.embedded.attach-wait}, then says which process holds it and what to do.
 *
 * <p>The process that started it stops it when it ends: after waiting (up to {@code trade.embedded.stop-wait}) for the
 * one-shot commands still using it (load, fiche, status...), seen by their connections' application name. A
 * long-running command (serve, db) that was using it then starts it again on the same port, so its connection pool
 * stays valid and its pages keep working.
 */
final class EmbeddedServer implements AutoCloseable {

    /** The record of the process that started the embedded PostgreSQL, in its data folder. */
    static final String RECORD = "trade-etl-server.properties";
    /** The lock file the embedded PostgreSQL library holds in the data folder while it runs the server. */
    static final String LOCK = "epg-lock";
    /** Commands that keep running until stopped: they start the server again when the process that started it ends. */
    static final Set<String> LONG_RUNNING = Set.of("serve", "db");

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServer.class);

    /**
     * Data folders whose server this JVM runs. Their lock file must not be opened here: closing any descriptor of a
     * file drops the locks the process holds on it (POSIX), the server's included.
     */
    private static final Set<Path> STARTED_HERE = ConcurrentHashMap.newKeySet();

    /**
     * @param dataDir       PostgreSQL's data directory
     * @param port          the port to start it on, 0 for any free port
     * @param sharedBuffers its buffer pool when started here
     * @param command       the trade-etl command of this process (serve, load...), in its connections' name
     * @param attachWait    how long to wait for a server being started or stopped by another process
     * @param stopWait      how long to wait, before stopping it, for the one-shot commands using it
     */
    record Settings(Path dataDir, int port, String sharedBuffers, String command, Duration attachWait, Duration stopWait) {
        Settings {
            dataDir = dataDir.toAbsolutePath().normalize();
        }

        boolean longRunning() {
            return LONG_RUNNING.contains(command);
        }
    }

    /** The process that started the server, as its record says. */
    record Holder(long pid, String command, int port, Instant since) {

        boolean alive() {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }

        String describe() {
            return "trade-etl " + command + " (pid " + pid + ", since "
                    + LocalTime.ofInstant(since, ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS) + ")";
        }

        static Optional<Holder> read(Path dataDir) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(dataDir.resolve(RECORD))) {
                p.load(r);
                return Optional.of(new Holder(Long.parseLong(p.getProperty("pid")), p.getProperty("command"),
                        Integer.parseInt(p.getProperty("port")), Instant.parse(p.getProperty("since"))));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException | RuntimeException e) { // half written by an older version, or by hand
                log.debug("Unreadable {} in {}: {}", RECORD, dataDir, e.toString());
                return Optional.empty();
            }
        }

        void write(Path dataDir) throws IOException {
            Properties p = new Properties();
            p.setProperty("pid", Long.toString(pid));
            p.setProperty("command", command);
            p.setProperty("port", Integer.toString(port));
            p.setProperty("since", since.toString());
            Path tmp = dataDir.resolve(RECORD + ".tmp-" + pid);
            try (Writer w = Files.newBufferedWriter(tmp)) {
                p.store(w, "The trade-etl process that runs the embedded PostgreSQL of this folder");
            }
            Files.move(tmp, dataDir.resolve(RECORD), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    private final Settings settings;
    private volatile EmbeddedPostgres started;
    private volatile Holder holder;
    private final int port;
    private ScheduledExecutorService watch;

    private EmbeddedServer(Settings settings, EmbeddedPostgres started, Holder holder, int port) {
        this.settings = settings;
        this.started = started;
        this.holder = holder;
        this.port = port;
    }

    /** The server of the data folder: the one running if another trade-etl process runs it, else one started here. */
    static EmbeddedServer open(Settings s) throws IOException {
        long deadline = System.nanoTime() + s.attachWait().toNanos();
        while (true) {
            Optional<Holder> h = Holder.read(s.dataDir());
            if (h.isPresent() && h.get().alive() && answers(h.get().port(), s.dataDir())) {
                EmbeddedServer server = new EmbeddedServer(s, null, h.get(), h.get().port());
                if (s.port() > 0 && s.port() != h.get().port()) {
                    log.warn("TRADE_DB_PORT={} not used: the warehouse's PostgreSQL already runs on port {}, started by {}",
                            s.port(), h.get().port(), h.get().describe());
                }
                if (s.longRunning()) {
                    server.watchHolder();
                }
                return server;
            }
            if (!STARTED_HERE.contains(s.dataDir()) && lockIsFree(s.dataDir())) {
                Optional<EmbeddedPostgres> pg = start(s, s.port());
                if (pg.isPresent()) {
                    EmbeddedServer server = new EmbeddedServer(s, pg.get(), null, pg.get().getPort());
                    server.record();
                    return server;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(busy(s, h.filter(Holder::alive)));
            }
            sleep(Duration.ofMillis(250));
        }
    }

    int port() {
        return port;
    }

    /** Who started the server, when it was running already; empty when this process started it. */
    Optional<Holder> holder() {
        return started == null ? Optional.ofNullable(holder) : Optional.empty();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres?user=postgres";
    }

    /** What this process's connections are called, e.g. {@code trade-etl load (pid 4242)}. */
    String applicationName() {
        return "trade-etl " + settings.command() + " (pid " + ProcessHandle.current().pid() + ")";
    }

    /**
     * Leaves the server: when this process started it, waits for the one-shot commands using it, then stops it.
     * Call it once this process's own connections are closed.
     */
    @Override
    public synchronized void close() throws IOException {
        if (watch != null) {
            watch.shutdownNow();
        }
        EmbeddedPostgres pg = started;
        if (pg == null) {
            return;
        }
        try {
            awaitOneShotCommands();
            Optional<Holder> record = Holder.read(settings.dataDir());
            if (record.isPresent() && record.get().pid() == ProcessHandle.current().pid()) {
                Files.deleteIfExists(settings.dataDir().resolve(RECORD));
            }
            pg.close();
        } finally {
            started = null;
            STARTED_HERE.remove(settings.dataDir());
        }
    }

    private void record() throws IOException {
        new Holder(ProcessHandle.current().pid(), settings.command(), port, Instant.now()).write(settings.dataDir());
    }

    /**
     * Starts the server of s's data folder on port (0: any); empty when another process locked the folder first.
     * The folder is marked as run by this JVM before its lock is taken.
     */
    private static Optional<EmbeddedPostgres> start(Settings s, int port) throws IOException {
        STARTED_HERE.add(s.dataDir());
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            if (port > 0) {
                builder.setPort(port);
            }
            return Optional.of(builder
                    .setDataDirectory(s.dataDir())
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_wal_size", "2GB")
                    // Nobody replicates the embedded warehouse: with minimal WAL, the fact slices a load builds in its
                    // publish transaction are written once, not also to the write-ahead log.
                    .setServerConfig("wal_level", "minimal")
                    .setServerConfig("max_wal_senders", "0")
                    // Each load's connections are new processes, and a process pays for each
                    // page of the pool it first touches: a scan that sweeps the whole pool pays for all of it.
                    .setServerConfig("shared_buffers", s.sharedBuffers())
                    .start());
        } catch (IllegalStateException e) {
            STARTED_HERE.remove(s.dataDir());
            if (e.getMessage() != null && e.getMessage().startsWith("could not lock")) {
                return Optional.empty();
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            STARTED_HERE.remove(s.dataDir());
            throw e;
        }
    }

    /** Whether a PostgreSQL answers on port with this data directory (not another server that took a freed port). */
    static boolean answers(int port, Path dataDir) {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "2");
        props.setProperty("socketTimeout", "5");
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", props);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("show data_directory")) {
            return rs.next() && Path.of(rs.getString(1)).toRealPath().equals(dataDir.toRealPath());
        } catch (SQLException | IOException e) {
            return false;
        }
    }

    /** Whether no process holds the data folder's lock (never asked of a folder this JVM runs: see STARTED_HERE). */
    private static boolean lockIsFree(Path dataDir) throws IOException {
        Path lockFile = dataDir.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            return true;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false;
        } catch (NoSuchFileException e) {
            return true;
        }
    }

    /**
     * A long-running command on a server another process started: when that process has ended (its lock released),
     * starts the server again on the same port, so that its connection pool finds it there.
     */
    private void watchHolder() {
        watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "embedded-warehouse-watch");
            t.setDaemon(true);
            return t;
        });
        watch.scheduleWithFixedDelay(this::takeOverIfLeft, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void takeOverIfLeft() {
        if (started != null || watch.isShutdown()) {
            return;
        }
        try {
            Optional<Holder> h = Holder.read(settings.dataDir());
            if (h.isPresent() && h.get().alive()) {
                if (h.get().pid() != holder.pid()) {
                    if (h.get().port() != port) {
                        log.error("The warehouse's PostgreSQL now runs on port {} (started by {}), no longer on port {}:"
                                + " restart this command", h.get().port(), h.get().describe(), port);
                    }
                    holder = h.get();
                }
                return;
            }
            if (STARTED_HERE.contains(settings.dataDir()) || !lockIsFree(settings.dataDir())) {
                return; // being stopped, or started again by another process
            }
            Optional<EmbeddedPostgres> pg = start(settings, port);
            if (pg.isPresent()) {
                started = pg.get();
                record();
                watch.shutdown();
                log.info("{} ended: embedded PostgreSQL warehouse started again in {} (port {})",
                        holder.describe(), settings.dataDir(), port);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not start the warehouse's PostgreSQL again after {} ended: {}", holder.describe(), e.toString());
        }
    }

    /** Waits, up to the stop wait, for the one-shot trade-etl commands still connected to end. */
    private void awaitOneShotCommands() {
        long deadline = System.nanoTime() + settings.stopWait().toNanos();
        boolean said = false;
        while (true) {
            List<String> others = oneShotCommands();
            if (others.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                log.warn("Stopping the embedded PostgreSQL although {} still use(s) it", String.join(", ", others));
                return;
            }
            if (!said) {
                log.info("Waiting for {} to end before stopping the embedded PostgreSQL (at most {} s)",
                        String.join(", ", others), settings.stopWait().toSeconds());
                said = true;
            }
            sleep(Duration.ofMillis(250));
        }
    }

    /** The other trade-etl processes connected, except the long-running ones, which start the server again. */
    private List<String> oneShotCommands() {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("connectTimeout", "2");
        props.setProperty("ApplicationName", applicationName());
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl(), props);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select distinct application_name from pg_stat_activity"
                     + " where backend_type = 'client backend' and pid <> pg_backend_pid()"
                     + " and application_name like 'trade-etl %' order by 1")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String[] words = name.split(" ");
                if (!name.equals(applicationName()) && words.length > 1 && !LONG_RUNNING.contains(words[1])) {
                    names.add(name);
                }
            }
        } catch (SQLException e) { // already stopped (Ctrl-C stops it at once) or unreachable: nothing to wait for
            return List.of();
        }
        return names;
    }

    /** Why the server can be neither used nor started, and what to do. */
    private static String busy(Settings s, Optional<Holder> holder) {
        String folder = "the embedded PostgreSQL of " + s.dataDir();
        if (holder.isPresent()) {
            Holder h = holder.get();
            return folder + " is run by " + h.describe() + " but does not answer on port " + h.port()
                    + ": wait for that command to end, or stop it (kill " + h.pid() + "), then run this one again";
        }
        return folder + " is locked by " + lockHolder(s.dataDir().resolve(LOCK)).map(pid -> "process " + pid
                        + ProcessHandle.of(pid).flatMap(p -> p.info().commandLine()).map(c -> " (" + shorten(c) + ")").orElse(""))
                .orElse("another process") + ", which does not say where it runs it (not a trade-etl command, or an"
                + " older one): wait for it to end or stop it, then run this command again; or give this command"
                + " another data folder (TRADE_DATA_DIR)";
    }

    /** The pid that holds a POSIX lock on file, from Linux's /proc/locks; empty elsewhere or when not found. */
    static Optional<Long> lockHolder(Path file) {
        try {
            Object inode = Files.getAttribute(file, "unix:ino");
            for (String line : Files.readAllLines(Path.of("/proc/locks"))) {
                // 1: POSIX  ADVISORY  WRITE 4242 08:01:1234567 0 EOF
                String[] f = line.trim().split("\\s+");
                if (f.length > 5 && f[5].endsWith(":" + inode) && f[4].matches("\\d+")) {
                    return Optional.of(Long.parseLong(f[4]));
                }
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            log.debug("No lock holder found for {}: {}", file, e.toString());
        }
        return Optional.empty();
    }

    private static String shorten(String commandLine) {
        return commandLine.length() <= 120 ? commandLine : commandLine.substring(0, 119) + "…";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the embedded PostgreSQL", e);
        }
    }
}
