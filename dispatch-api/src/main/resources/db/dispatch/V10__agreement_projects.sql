-- A project on the projects list (项目清单) may carry out a co-building agreement (共建协议): the
-- agreement is the signed record, its projects the recurring commitments claimed and fulfilled.
ALTER TABLE wish ADD COLUMN agreement_id BIGINT REFERENCES agreement (id);
ALTER TABLE wish ADD CONSTRAINT wish_agreement_project CHECK (agreement_id IS NULL OR kind = 'PROJECT');
CREATE INDEX wish_agreement ON wish (agreement_id);
