-- A partner unit's claim of a micro-wish links to the unit's record (issue 11), not a free-text name.
ALTER TABLE wish ADD COLUMN merchant_id BIGINT REFERENCES merchant (id);
