-- A complaint is closed by the community office with what was done about it (投诉处理制). Append-only.
ALTER TABLE complaint ADD COLUMN resolution VARCHAR(2000);
ALTER TABLE complaint ADD COLUMN resolved_by VARCHAR(64);
ALTER TABLE complaint ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;
