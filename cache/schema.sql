-- Schema version 1 of the paperlist cache. Later changes are numbered files
-- in migrations/; PRAGMA user_version holds the version a file is at.
-- Times are Unix nanoseconds (UTC).

-- One row per requested URL: a good answer (2xx body) or a negative one
-- (a definitive 404/410, negative = 1, empty body).
CREATE TABLE responses (
    url           TEXT    PRIMARY KEY,
    final_url     TEXT    NOT NULL DEFAULT '',
    status        INTEGER NOT NULL,
    headers       TEXT    NOT NULL DEFAULT '{}', -- JSON object of kept response headers
    body          BLOB    NOT NULL DEFAULT x'',
    body_len      INTEGER NOT NULL DEFAULT 0,    -- length(body) as written, a completeness check
    etag          TEXT    NOT NULL DEFAULT '',
    last_modified TEXT    NOT NULL DEFAULT '',
    fetched_at    INTEGER NOT NULL,              -- when the network last confirmed this row
    negative      INTEGER NOT NULL DEFAULT 0 CHECK (negative IN (0, 1))
);

-- The extracted record of an entry, as opaque JSON.
CREATE TABLE records (
    key        TEXT    PRIMARY KEY,
    data       BLOB    NOT NULL,
    updated_at INTEGER NOT NULL
);

-- One row per run. finished_at is NULL while the run goes on (or if it died).
CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    started_at  INTEGER NOT NULL,
    finished_at INTEGER,
    requests    INTEGER NOT NULL DEFAULT 0,
    hits        INTEGER NOT NULL DEFAULT 0
);
