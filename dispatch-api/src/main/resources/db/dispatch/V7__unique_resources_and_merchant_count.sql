-- The resource lists: one volunteer per phone and one merchant per name in a community, and the merchant's daily count.

-- One volunteer per phone in a community, one merchant or partner unit per name: the database
-- decides, so two writers at the same moment (two dispatch-api instances, an import and a form)
-- cannot both register the same one. One dialect for H2 (MODE=PostgreSQL) and PostgreSQL.

-- Phones in the one form Volunteers.phoneDigits writes from now on: a Chinese mobile as its 11
-- digits, a landline with its trunk 0 (earlier rows kept a +86 / 0086 / 86 prefix as typed).
UPDATE volunteer SET phone = SUBSTRING(phone, 4)
    WHERE phone LIKE '+861%' AND LENGTH(phone) = 14 AND SUBSTRING(phone, 5, 1) BETWEEN '3' AND '9';
UPDATE volunteer SET phone = SUBSTRING(phone, 5)
    WHERE phone LIKE '00861%' AND LENGTH(phone) = 15 AND SUBSTRING(phone, 6, 1) BETWEEN '3' AND '9';
UPDATE volunteer SET phone = SUBSTRING(phone, 3)
    WHERE phone LIKE '861%' AND LENGTH(phone) = 13 AND SUBSTRING(phone, 4, 1) BETWEEN '3' AND '9';
UPDATE volunteer SET phone = SUBSTRING(phone, 4) WHERE phone LIKE '+860%';
UPDATE volunteer SET phone = '0' || SUBSTRING(phone, 4) WHERE phone LIKE '+86%' AND phone NOT LIKE '+861%';
UPDATE volunteer SET phone = '0' || SUBSTRING(phone, 4)
    WHERE phone LIKE '+8610%' AND LENGTH(phone) BETWEEN 12 AND 13;

-- Rows registered twice before this rule keep their data, but every later copy's phone (name) is
-- marked "#dup<id>" so the constraint can hold and a coordinator can find them in the lists: the
-- first registration keeps the phone, its SMS sign-in and its offers.
ALTER TABLE volunteer ALTER COLUMN phone SET DATA TYPE VARCHAR(64);
UPDATE volunteer SET phone = phone || '#dup' || CAST(id AS VARCHAR(20))
    WHERE EXISTS (SELECT 1 FROM volunteer o WHERE o.community_id = volunteer.community_id
                  AND o.phone = volunteer.phone AND o.id < volunteer.id);
DROP INDEX volunteer_community_phone;
ALTER TABLE volunteer ADD CONSTRAINT volunteer_phone_once UNIQUE (community_id, phone);

UPDATE merchant SET name = SUBSTRING(name, 1, 170) || ' #dup' || CAST(id AS VARCHAR(20))
    WHERE EXISTS (SELECT 1 FROM merchant o WHERE o.community_id = merchant.community_id
                  AND o.name = merchant.name AND o.id < merchant.id);
ALTER TABLE merchant ADD CONSTRAINT merchant_name_once UNIQUE (community_id, name);

-- A merchant's daily capacity is counted down: jobs_counted jobs were sent to it on counted_on (a
-- day in the community's time zone). A count of an earlier day is no count today, so nothing has
-- to reset it at midnight. An offer names the merchant it sends the volunteer to, if any.
ALTER TABLE merchant ADD COLUMN jobs_counted INT DEFAULT 0 NOT NULL;
ALTER TABLE merchant ADD COLUMN counted_on DATE;
ALTER TABLE offer ADD COLUMN merchant_id BIGINT REFERENCES merchant (id);
