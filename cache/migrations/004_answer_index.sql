-- Version 4: a covering index for the record cache's check of its answers
-- (url, status, fetched_at, negative, digest), so that a warm run reads the
-- index instead of walking past each row's body to the columns after it.
CREATE INDEX responses_answer ON responses (url, status, fetched_at, negative, digest);
