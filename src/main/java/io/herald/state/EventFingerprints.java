package io.herald.state;

import java.sql.Timestamp;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The idempotent repository of event fingerprints: Camel's JDBC repository on the migrated table, except that a new
 * fingerprint is recorded in one statement, an insert of a row that is not there yet, whose count says whether the
 * event is new. Camel's own first counts and then inserts: two statements for every event.
 */
public class EventFingerprints extends JdbcMessageIdRepository {

    private final String insertIfNew;

    public EventFingerprints(DataSource dataSource, TransactionTemplate transactions, String processorName,
                             String insertIfNew) {
        super(dataSource, transactions, processorName);
        this.insertIfNew = insertIfNew;
        setCreateTableIfNotExists(false);
    }

    @Override
    public boolean add(String key) {
        return Boolean.TRUE.equals(getTransactionTemplate().execute(status -> insert(key) == 1));
    }

    @Override
    protected int insert(String key) {
        return getJdbcTemplate().update(insertIfNew, processorName, key, new Timestamp(System.currentTimeMillis()),
                processorName, key);
    }
}
