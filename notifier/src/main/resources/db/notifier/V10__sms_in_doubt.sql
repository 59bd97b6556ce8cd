-- An SMS attempt whose outcome is unknown: the provider may have taken the message. sending_since is
-- set (and committed) just before the provider is called and cleared when its answer is recorded;
-- still set at the next claim, the attempt was cut short (a stop, a crash) or its answer was lost,
-- and the provider is asked (QuerySendDetails, by our out-id) before the message is ever sent again.
-- in_doubt: such an attempt is known to have ended without an answer (a receipt then settles it).
ALTER TABLE sms_delivery ADD COLUMN sending_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE sms_delivery ADD COLUMN in_doubt BOOLEAN DEFAULT FALSE NOT NULL;
