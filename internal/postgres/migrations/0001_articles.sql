-- Articles, their annotations, the annotation cache and the full-text index.
-- Later migrations add events, stories, identities and facts.
--
-- Keys and the columns lists are sorted by are COLLATE "C": byte order, as
-- in the SQLite store, whatever the database's locale. A btree entry holds
-- at most about 2.7 kB, so values that may be longer (a URL, a cache key)
-- are indexed through a SHA-256 digest the program computes; the other
-- indexed fields are bounded by the program (MaxKeyBytes).

CREATE TABLE articles (
	seq           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id            text        COLLATE "C" NOT NULL UNIQUE,
	url           text        NOT NULL DEFAULT '',
	url_key       bytea       UNIQUE CHECK (octet_length(url_key) = 32), -- sha256(url); NULL without URL
	hash          text        COLLATE "C" NOT NULL,
	source        text        NOT NULL DEFAULT '',
	site          text        COLLATE "C" NOT NULL DEFAULT '',
	outlet        text        COLLATE "C" NOT NULL DEFAULT '',
	byline        text        NOT NULL DEFAULT '',
	title         text        NOT NULL DEFAULT '',
	published     timestamptz,  -- NULL when unknown
	date_inferred boolean     NOT NULL DEFAULT false,
	language      text        NOT NULL DEFAULT '',
	format        text        NOT NULL DEFAULT '',
	text          text        NOT NULL,
	removed       json,         -- the page furniture taken out; NULL when none
	added_at      timestamptz NOT NULL,
	-- Title (weight A) and text (weight B), folded of accents by the
	-- program before PostgreSQL sees them, so no extension is needed.
	search        tsvector    NOT NULL,
	CHECK ((url = '') = (url_key IS NULL))
);

CREATE INDEX articles_hash ON articles (hash, seq);
CREATE INDEX articles_published ON articles (published, id);
CREATE INDEX articles_outlet ON articles (outlet, published, id);
CREATE INDEX articles_site ON articles (site, published, id);
CREATE INDEX articles_search ON articles USING gin (search);

-- One row per article: what the per-article pipeline found, and which
-- version of the pipeline found it ('' when the caller did not say).
CREATE TABLE annotations (
	article_id text COLLATE "C" NOT NULL PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
	version    text NOT NULL DEFAULT '',
	data       json NOT NULL
);

-- Annotations by content hash (plus what else they depend on) and pipeline
-- version, so a text seen before (under any URL) is not analysed again.
CREATE TABLE annotation_cache (
	key      bytea PRIMARY KEY CHECK (octet_length(key) = 32), -- sha256 of hash and version
	hash     text NOT NULL,
	version  text NOT NULL,
	data     json NOT NULL,
	added_at timestamptz NOT NULL
);
