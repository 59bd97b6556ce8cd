-- Issue 13. One dialect for H2 (MODE=PostgreSQL) and PostgreSQL. Append-only.
-- A need's matching preferences (contract C4), kept beside the need rather than in it: most needs have
-- none. avoid_volunteer_ids is a comma-separated id list (the operator's and the failed helpers after a
-- reopening); call_id ties the needs raised in one call, so one volunteer can do them all.
CREATE TABLE need_preference (
    need_id BIGINT PRIMARY KEY REFERENCES need (id),
    preferred_volunteer_id BIGINT REFERENCES volunteer (id),
    volunteer_kind VARCHAR(30),
    avoid_volunteer_ids VARCHAR(2000) DEFAULT '' NOT NULL,
    call_id VARCHAR(64)
);
CREATE INDEX need_preference_call ON need_preference (call_id);

-- Why the matcher proposed the offer's volunteer: the score and its parts as the matcher sent them
-- (a JSON array of {code, value, detail, cost}), so pages render them in their own language.
CREATE TABLE offer_score (
    offer_id BIGINT PRIMARY KEY REFERENCES offer (id),
    score DOUBLE PRECISION NOT NULL,
    parts VARCHAR(8000) NOT NULL
);

-- Appointments wait OPEN until their lead time; the scheduled start looks them up by window.
CREATE INDEX need_open_window ON need (status, window_start);
