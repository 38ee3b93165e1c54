-- Articles, their annotations, the annotation cache and the full-text index.
-- Later migrations add events, stories, identities and facts.

-- seq is the rowid the FTS index points at. It is declared INTEGER PRIMARY
-- KEY because SQLite may renumber an undeclared rowid on VACUUM, which would
-- silently detach an external-content FTS index from its rows.
CREATE TABLE articles (
	seq           INTEGER PRIMARY KEY,
	id            TEXT    NOT NULL UNIQUE,
	url           TEXT    NOT NULL DEFAULT '',
	hash          TEXT    NOT NULL,
	source        TEXT    NOT NULL DEFAULT '',
	site          TEXT    NOT NULL DEFAULT '',
	outlet        TEXT    NOT NULL DEFAULT '',
	byline        TEXT    NOT NULL DEFAULT '',
	title         TEXT    NOT NULL DEFAULT '',
	published     TEXT,   -- UTC, fixed width so text order is time order; NULL when unknown
	date_inferred INTEGER NOT NULL DEFAULT 0 CHECK (date_inferred IN (0, 1)),
	language      TEXT    NOT NULL DEFAULT '',
	format        TEXT    NOT NULL DEFAULT '',
	text          TEXT    NOT NULL,
	removed       TEXT    CHECK (removed IS NULL OR json_valid(removed)),
	added_at      TEXT    NOT NULL
);

-- Many articles come without a URL (plain files); only real URLs are unique.
CREATE UNIQUE INDEX articles_url ON articles (url) WHERE url <> '';
CREATE INDEX articles_hash ON articles (hash);
CREATE INDEX articles_published ON articles (published, id);
CREATE INDEX articles_outlet ON articles (outlet, published);
CREATE INDEX articles_site ON articles (site, published);

-- One row per article: what the per-article pipeline found, and which
-- version of the pipeline found it ('' when the caller did not say).
CREATE TABLE annotations (
	article_id TEXT NOT NULL PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	version    TEXT NOT NULL DEFAULT '',
	data       TEXT NOT NULL CHECK (json_valid(data))
) WITHOUT ROWID;

-- Annotations by content hash and pipeline version, so a text seen before
-- (under any URL) is not analysed again.
CREATE TABLE annotation_cache (
	hash     TEXT NOT NULL,
	version  TEXT NOT NULL,
	data     TEXT NOT NULL CHECK (json_valid(data)),
	added_at TEXT NOT NULL,
	PRIMARY KEY (hash, version)
) WITHOUT ROWID;

CREATE VIRTUAL TABLE articles_fts USING fts5 (
	title, text,
	content = 'articles', content_rowid = 'seq',
	tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
	INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
	INSERT INTO articles_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
