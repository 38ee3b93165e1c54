-- The postings index holds the ID too, so that reading the newest IDs
-- under a key can be an index-only scan (as on SQLite, see its 0003).
CREATE INDEX postings_cover ON postings (ns, key, seq) INCLUDE (id);
DROP INDEX postings_key;
