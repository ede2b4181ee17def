CREATE TABLE IF NOT EXISTS legacy_order_status (
    id               BIGINT PRIMARY KEY,
    order_id         VARCHAR(40)   NOT NULL,
    status           VARCHAR(20)   NOT NULL,
    changed_at       TIMESTAMP     NOT NULL,
    customer_id      VARCHAR(40),
    customer_name    VARCHAR(200),
    email            VARCHAR(200),
    phone            VARCHAR(40),
    locale           VARCHAR(20),
    notify           VARCHAR(10),
    herald_state     VARCHAR(10),
    herald_marked_at TIMESTAMP,
    herald_reason    VARCHAR(1000)
)
