-- What operators were told, shared by every node on this database (AlertLedger), so that a notification goes out
-- once per cluster. alert_arm: whether a flow's open dead letters are above the threshold, and how many times they
-- crossed it (the crossing names the notification). alert_sent: a notification a node claimed for a channel
-- ('sending') or delivered ('sent'); a claim left by a node that died is taken over once it is stale.
CREATE TABLE alert_arm (
    flow     VARCHAR(200) NOT NULL PRIMARY KEY,
    above    BOOLEAN      NOT NULL,
    crossing INTEGER      NOT NULL
);
CREATE TABLE alert_sent (
    channel    VARCHAR(100)             NOT NULL,
    alert_key  VARCHAR(500)             NOT NULL,
    state      VARCHAR(10)              NOT NULL,
    claimed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (channel, alert_key)
);
