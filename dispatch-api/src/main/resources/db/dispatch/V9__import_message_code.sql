-- An import job's file-level message as a code and its values (JSON), put in words when read, in the
-- reader's language (docs/import.md). Jobs from before have neither: their message is read as written.
ALTER TABLE import_job ADD COLUMN message_code VARCHAR(40);
ALTER TABLE import_job ADD COLUMN message_params VARCHAR(4000);
