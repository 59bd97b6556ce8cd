-- The staff pages show a notice in the reader's language: the English beside the Chinese. Notices
-- written before this have none; the pages show their Chinese.
ALTER TABLE staff_notice ADD COLUMN text_en VARCHAR(1000);
