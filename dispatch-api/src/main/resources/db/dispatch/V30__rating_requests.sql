-- A rating asked of a household by SMS after its need was done: the reply (a digit from the
-- household's mobile) finds its need here, and one not answered in time becomes a call-back task.
CREATE TABLE rating_request (
    need_id       BIGINT PRIMARY KEY REFERENCES need (id),
    household_id  BIGINT        NOT NULL,
    asked_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    answered_at   TIMESTAMP WITH TIME ZONE,
    overdue_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX rating_request_open ON rating_request (household_id, answered_at);
