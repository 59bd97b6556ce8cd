-- Scope along street → community → grid (街道 → 社区 → 网格). One dialect for H2 (MODE=PostgreSQL)
-- and PostgreSQL. Append-only.

-- The street office (街道) a community answers to. A community on no street (rows from before this
-- migration, or an installation with one community) is served only by accounts that name it.
CREATE TABLE street (
    id          VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
ALTER TABLE community ADD COLUMN street_id VARCHAR(64);
ALTER TABLE community ADD CONSTRAINT community_street FOREIGN KEY (street_id) REFERENCES street (id);
CREATE INDEX community_on_street ON community (street_id);

-- An account may serve every community of one street (looked up on each request, so a community
-- added to the street later is served at once), and a coordinator may be limited to some grids of
-- its one community (comma-separated grid codes; empty = the whole community).
ALTER TABLE account ADD COLUMN street_id VARCHAR(64);
ALTER TABLE account ADD CONSTRAINT account_street FOREIGN KEY (street_id) REFERENCES street (id);
ALTER TABLE account ADD COLUMN grids VARCHAR(2000) DEFAULT '' NOT NULL;

-- A grid leader's lists: the community's households of some grids.
CREATE INDEX household_community_grid ON household (community_id, grid);
