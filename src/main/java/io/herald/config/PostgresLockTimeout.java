package io.herald.config;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Gives Herald's PostgreSQL connections a lock timeout ({@code herald.database.lock-timeout}, 10 s). PostgreSQL waits
 * for a row lock for ever by default: a batch whose rows another session holds (an instance frozen or cut off in the
 * middle of its transaction, whose connection the server only drops when TCP gives up on it, after hours) would hold
 * its Kafka consumer as long. With the timeout the statement fails (SQLSTATE 55P03), which Herald takes as a failure
 * of the database, not of the message: the batch is rolled back and read again (docs/operations.md, "Dead letters").
 * H2 has a lock timeout of its own (2 s unless its URL sets {@code LOCK_TIMEOUT}). A pool that sets its own
 * {@code connection-init-sql} keeps it.
 */
@Component
class PostgresLockTimeout implements BeanPostProcessor {

    private final Duration timeout;

    PostgresLockTimeout(@Value("${herald.database.lock-timeout:10s}") Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && pool.getConnectionInitSql() == null
                && pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            pool.setConnectionInitSql(initSql(timeout));
        }
        return bean;
    }

    static String initSql(Duration timeout) {
        return "SET lock_timeout = '" + timeout.toMillis() + "ms'";
    }
}
