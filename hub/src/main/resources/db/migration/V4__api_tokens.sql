-- Bearer tokens of the management API (/api/v1). Only the SHA-256 of a token is stored (64 hex digits);
-- the token itself is shown once, when it is issued. Revoked tokens are kept, so their names are not reused.
CREATE TABLE api_token (
    name          VARCHAR(100) NOT NULL PRIMARY KEY,
    token_hash    VARCHAR(64)  NOT NULL UNIQUE,
    role          VARCHAR(20)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked       BOOLEAN      NOT NULL
);
