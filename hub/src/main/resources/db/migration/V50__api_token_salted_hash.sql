-- Numbered above every earlier migration: Flyway refuses a new one below a store's version (outOfOrder is off).
-- A token chosen by a person (HUB_ADMIN_TOKEN) is stored as a salted PBKDF2 hash,
-- pbkdf2-sha256$<iterations>$<salt>$<hash> (Base64): longer than the 64 hex digits of a generated token's SHA-256.
ALTER TABLE api_token ALTER COLUMN token_hash SET DATA TYPE VARCHAR(200);
