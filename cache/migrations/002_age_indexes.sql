-- Version 2: indexes on the age columns, used by Prune and by the
-- oldest/newest figures of Stats.
CREATE INDEX responses_fetched_at ON responses (fetched_at);
CREATE INDEX records_updated_at ON records (updated_at);
