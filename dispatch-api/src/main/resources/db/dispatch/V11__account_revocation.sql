-- An admin switches an account off (active = false) and with it every token issued before this
-- moment: a token whose iat is earlier is refused (RevokedTokens), though it has not expired yet.
ALTER TABLE account ADD COLUMN tokens_valid_after TIMESTAMP WITH TIME ZONE;
