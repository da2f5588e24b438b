-- Credentials (API keys, passwords) sealed with AES-256-GCM under the master key, the name as associated data.
-- ciphertext is base64 of: version byte | 12-byte IV | ciphertext and tag. Never a value in clear.
CREATE TABLE credential (
    name        VARCHAR(100)   NOT NULL PRIMARY KEY,
    ciphertext  VARCHAR(16000) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
