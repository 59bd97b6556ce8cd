-- Commit order of outbox rows (see org.onecall.dispatch.outbox.OutboxOrdering).
-- commit_seq is taken at commit time, under a lock on each of the transaction's message keys that
-- is held until the commit is complete, so for one key it grows in commit order, which identity
-- values (taken at insert time) do not. One value per transaction; the relay publishes by
-- (commit_seq, id). Rows from before this migration, or inserted by hand, have none and go first.
ALTER TABLE outbox ADD COLUMN commit_seq BIGINT;
CREATE SEQUENCE outbox_commit_seq;
DROP INDEX outbox_unpublished;
CREATE INDEX outbox_unpublished ON outbox (published_at, commit_seq, id);
