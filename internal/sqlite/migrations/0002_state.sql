-- The cross-article pass's working state (news.StateStore): values by
-- namespace and key, and postings from keys to IDs. seq orders postings,
-- newest last, so "the most recent IDs under a key" is an index range read
-- from the end.
CREATE TABLE state (
	ns    TEXT NOT NULL,
	key   TEXT NOT NULL,
	value BLOB NOT NULL,
	PRIMARY KEY (ns, key)
) WITHOUT ROWID;

CREATE TABLE postings (
	seq INTEGER PRIMARY KEY,
	ns  TEXT NOT NULL,
	key TEXT NOT NULL,
	id  TEXT NOT NULL
);
CREATE INDEX postings_key ON postings (ns, key, seq);
