-- Calls spent per source quota and day (Pardot's daily API calls), kept in the database so that every node on it
-- spends one quota between them (SharedQuota). One row per quota and day; old days are deleted as new ones start.
CREATE TABLE source_quota (
    quota     VARCHAR(200) NOT NULL,
    quota_day DATE         NOT NULL,
    used      BIGINT       NOT NULL,
    PRIMARY KEY (quota, quota_day)
);
