-- Users of the Hawtio console. Passwords are stored only as salted PBKDF2 hashes
-- (format pbkdf2-sha256$<iterations>$<salt>$<hash>, Base64), never in clear.
CREATE TABLE console_user (
    username      VARCHAR(100) NOT NULL PRIMARY KEY,
    password_hash VARCHAR(300) NOT NULL,
    enabled       BOOLEAN      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per role a user holds (the console admits the roles named in hub.console.roles).
CREATE TABLE console_user_role (
    username VARCHAR(100) NOT NULL REFERENCES console_user (username) ON DELETE CASCADE,
    role     VARCHAR(50)  NOT NULL,
    PRIMARY KEY (username, role)
);
