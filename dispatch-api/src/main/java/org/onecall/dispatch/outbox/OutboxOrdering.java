package org.onecall.dispatch.outbox;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.TransactionStatus;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Gives each transaction that wrote outbox rows a position ({@code outbox.commit_seq}) at commit
 * time, so that for one message key the positions grow in the order the transactions committed.
 *
 * <p>Just before the commit (a {@link TransactionSynchronization#beforeCommit}), the transaction
 * locks each of its message keys, in one global order (by hash, so two transactions with keys
 * {A, B} can never deadlock), takes one value of the sequence {@code outbox_commit_seq}, writes it
 * on its rows, and commits while still holding the locks:
 * <ul>
 *   <li>PostgreSQL: {@code pg_advisory_xact_lock(NAMESPACE, hash(key))}, released by the database
 *       only after the commit is visible to everybody; this holds across every dispatch-api
 *       instance on the database.</li>
 *   <li>H2 (the standalone mode, one JVM): one of {@value #STRIPES} in-process semaphores per key
 *       hash, released in {@code afterCompletion}, i.e. after the commit.</li>
 * </ul>
 * So if a row of key K is visible, every row of K with a smaller position was committed before it
 * and is visible too: per key, the committed rows are always a prefix in position order, whatever
 * order identity values were taken or committed in. A relay that publishes unpublished rows by
 * (position, id) therefore never skips a late row (it selects "not yet published", not "after the
 * last one") and never publishes a key's rows out of commit order.
 *
 * <p>The price: transactions writing events for the same key (a community) serialise their
 * commits, so on PostgreSQL one busy community gets no group commit. Different keys commit in
 * parallel.
 */
@Singleton
class OutboxOrdering {

    /** First half of the two-int advisory lock keys of outbox keys (the relay's leader lock uses the one-bigint space). */
    static final int LOCK_NAMESPACE = 0x0C_A11;
    static final int STRIPES = 1024;

    private final TransactionOperations<Connection> transactions;
    private final Map<Connection, Pending> pending = new ConcurrentHashMap<>();
    private final Semaphore[] stripes = new Semaphore[STRIPES];
    private volatile Boolean postgres;

    OutboxOrdering(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Semaphore(1);
        }
    }

    /** Records that the current transaction wrote row {@code id} with {@code key}; called by {@link Outbox}. */
    void wrote(long id, String key) {
        TransactionStatus<?> status = transactions.findTransactionStatus()
                .orElseThrow(() -> new IllegalStateException("outbox rows are written in a transaction"));
        Connection connection = (Connection) status.getConnection();
        Pending p = pending.get(connection);
        if (p == null) {
            p = new Pending(connection);
            pending.put(connection, p);
            status.registerSynchronization(p);
        }
        p.ids.add(id);
        p.hashes.add(hash(key));
    }

    static int hash(String key) {
        // String.hashCode is specified, so every instance computes the same lock for a key
        return key.hashCode();
    }

    private boolean isPostgres(Connection c) throws SQLException {
        Boolean pg = postgres;
        if (pg == null) {
            pg = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            postgres = pg;
        }
        return pg;
    }

    private final class Pending implements TransactionSynchronization {
        final Connection connection;
        final List<Long> ids = new ArrayList<>();
        final TreeSet<Integer> hashes = new TreeSet<>();
        final List<Semaphore> held = new ArrayList<>();
        boolean positioned;

        Pending(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            if (positioned || ids.isEmpty()) {
                return;
            }
            try {
                long position;
                if (isPostgres(connection)) {
                    try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
                        for (int h : hashes) {
                            lock.setInt(1, LOCK_NAMESPACE);
                            lock.setInt(2, h);
                            lock.execute();
                        }
                    }
                    position = single(connection, "SELECT nextval('outbox_commit_seq')");
                } else {
                    TreeSet<Integer> sorted = new TreeSet<>();
                    for (int h : hashes) {
                        sorted.add(Math.floorMod(h, STRIPES));
                    }
                    for (int s : sorted) {
                        stripes[s].acquireUninterruptibly();
                        held.add(stripes[s]);
                    }
                    position = single(connection, "SELECT NEXT VALUE FOR outbox_commit_seq");
                }
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE outbox SET commit_seq = ? WHERE id = ?")) {
                    for (long id : ids) {
                        update.setLong(1, position);
                        update.setLong(2, id);
                        update.addBatch();
                    }
                    update.executeBatch();
                }
                positioned = true;
            } catch (SQLException e) {
                throw new IllegalStateException("could not order the transaction's outbox rows", e);
            }
        }

        @Override
        public void afterCompletion(Status status) {
            pending.remove(connection, this);
            for (Semaphore s : held) {
                s.release();
            }
            held.clear();
        }
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
