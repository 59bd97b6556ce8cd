-- A merchant's daily capacity is counted down: jobs_counted jobs were sent to it on counted_on (a
-- day in the community's time zone). A count of an earlier day is no count today, so nothing has
-- to reset it at midnight. An offer names the merchant it sends the volunteer to, if any.
ALTER TABLE merchant ADD COLUMN jobs_counted INT DEFAULT 0 NOT NULL;
ALTER TABLE merchant ADD COLUMN counted_on DATE;
ALTER TABLE offer ADD COLUMN merchant_id BIGINT REFERENCES merchant (id);
