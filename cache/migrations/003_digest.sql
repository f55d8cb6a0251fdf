-- Version 3: the digest of each answer (fetch.Digest of the body, or
-- fetch.NegativeDigest of a 404/410), so that a cached record can be
-- checked against its answers without reading their bodies. Rows written
-- before it have '' and are digested from their body when asked.
ALTER TABLE responses ADD COLUMN digest TEXT NOT NULL DEFAULT '';
