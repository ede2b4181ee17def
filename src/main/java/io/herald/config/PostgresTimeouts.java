package io.herald.config;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Bounds how long a PostgreSQL session of Herald's may keep others waiting. PostgreSQL waits for a row lock for ever by
 * default, and keeps a session's transaction, with its locks, for as long as its connection lives: a session frozen or
 * cut off in the middle of its transaction (an instance stopped by the machine, a network that drops its packets) is
 * only dropped when TCP gives up on it, after hours, and every batch that needs its rows waits as long.
 * <ul>
 *   <li>{@code herald.database.lock-timeout} (10 s): a statement waits so long for a row lock, then fails (SQLSTATE
 *   55P03), which Herald takes as a failure of the database, not of the message: the batch is rolled back and read
 *   again (docs/operations.md, "Dead letters").</li>
 *   <li>{@code herald.database.idle-in-transaction-timeout} (5 min): the server ends a session that has been idle
 *   inside its transaction so long, which rolls the transaction back and frees its locks. Herald's own pauses
 *   inside a transaction, a retry's backoff (at most 30 s) or a Kafka send's wait for the broker (at most the
 *   producer's delivery timeout, 2 minutes), are shorter: a session that sat so long is frozen, and its batch is read
 *   again by whoever holds its partition.</li>
 * </ul>
 * H2 has a lock timeout of its own (2 s unless its URL sets {@code LOCK_TIMEOUT}) and lives in Herald's process. A pool
 * that sets its own {@code connection-init-sql} keeps it.
 */
@Component
class PostgresTimeouts implements BeanPostProcessor {

    private final Duration lockTimeout;
    private final Duration idleInTransactionTimeout;

    PostgresTimeouts(@Value("${herald.database.lock-timeout:10s}") Duration lockTimeout,
                     @Value("${herald.database.idle-in-transaction-timeout:5m}") Duration idleInTransactionTimeout) {
        this.lockTimeout = lockTimeout;
        this.idleInTransactionTimeout = idleInTransactionTimeout;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getConnectionInitSql() == null
                && pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            pool.setConnectionInitSql(initSql(lockTimeout, idleInTransactionTimeout));
        }
        return bean;
    }

    static String initSql(Duration lockTimeout, Duration idleInTransactionTimeout) {
        return "SET lock_timeout = '" + lockTimeout.toMillis() + "ms'; SET idle_in_transaction_session_timeout = '"
                + idleInTransactionTimeout.toMillis() + "ms'";
    }
}
