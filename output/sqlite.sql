-- papers.db, written by paperlist --format sqlite: the dataset as tables that
-- sqlite3 or Datasette open directly. Empty values are NULL.
CREATE TABLE papers (
  id         TEXT PRIMARY KEY,
  position   INTEGER NOT NULL UNIQUE, -- list order, from 1
  venue      TEXT,
  year       INTEGER,
  "group"    TEXT,
  list_title TEXT,
  title      TEXT,
  link       TEXT,
  read       INTEGER NOT NULL,        -- 1 when the list marks it read
  abstract   TEXT,
  pdf_url    TEXT,
  pdf_kind   TEXT,
  doi        TEXT,
  booktitle  TEXT,
  pages      TEXT,
  code_url   TEXT,
  slides_url TEXT,
  video_url  TEXT,
  arxiv_id   TEXT,
  status     TEXT NOT NULL,
  errors     TEXT,                    -- joined with a newline
  line       INTEGER
);
CREATE INDEX papers_venue_year ON papers (venue, year);

-- Authors in the publisher's order, from 1.
CREATE TABLE authors (
  paper_id    TEXT NOT NULL REFERENCES papers (id),
  position    INTEGER NOT NULL,
  name        TEXT NOT NULL,
  affiliation TEXT,
  orcid       TEXT,
  PRIMARY KEY (paper_id, position)
);
CREATE INDEX authors_name ON authors (name);

-- Every link of a paper by kind: link (the list's), pdf, doi, code, slides,
-- video, arxiv, repo.
CREATE TABLE links (
  paper_id TEXT NOT NULL REFERENCES papers (id),
  kind     TEXT NOT NULL,
  url      TEXT NOT NULL,
  PRIMARY KEY (paper_id, kind)
);

-- The list's notes, verbatim, in order from 1.
CREATE TABLE notes (
  paper_id TEXT NOT NULL REFERENCES papers (id),
  position INTEGER NOT NULL,
  text     TEXT NOT NULL,
  PRIMARY KEY (paper_id, position)
);

-- Where each field came from: a URL, "list" or "override".
CREATE TABLE sources (
  paper_id TEXT NOT NULL REFERENCES papers (id),
  field    TEXT NOT NULL,
  source   TEXT NOT NULL,
  PRIMARY KEY (paper_id, field)
);

-- Full-text search: SELECT id FROM papers_fts WHERE papers_fts MATCH 'gpu';
-- authors and notes are joined with a newline.
CREATE VIRTUAL TABLE papers_fts USING fts5 (id UNINDEXED, title, abstract, authors, notes);
