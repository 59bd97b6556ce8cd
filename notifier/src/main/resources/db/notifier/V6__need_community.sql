-- The community each need belongs to, as its events say: a need's delivery log is shown to the staff
-- who serve that community (its street's coordinators too). A need whose events all came before this
-- table has no row, and its log stays with admins.
CREATE TABLE need_community (
    need_id       BIGINT      PRIMARY KEY,
    community_id  VARCHAR(64) NOT NULL
);
