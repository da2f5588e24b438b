-- The scheduled pulls' and pushes' pause-with-backoff state (PullBackoff), shared by every node on this database:
-- the earliest next run (also a running node's claim), the failures in a row and the last failure's message.
CREATE TABLE pull_job (
    job        VARCHAR(200)             NOT NULL PRIMARY KEY,
    failures   INTEGER                  NOT NULL,
    not_before TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error VARCHAR(2000)
);
