-- The cross-article pass's working state (news.StateStore): values by
-- namespace and key, and postings from keys to IDs, newest by seq.
CREATE TABLE state (
	ns    text  NOT NULL,
	key   text  NOT NULL,
	value bytea NOT NULL,
	PRIMARY KEY (ns, key)
);

CREATE TABLE postings (
	seq bigserial PRIMARY KEY,
	ns  text NOT NULL,
	key text NOT NULL,
	id  text NOT NULL
);
CREATE INDEX postings_key ON postings (ns, key, seq);
