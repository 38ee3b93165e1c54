-- The postings index holds the ID too, so that reading the newest IDs
-- under a key is a range of the index alone: the duplicate detector reads
-- a few thousand postings an add, and looking each row up in the table
-- besides doubled the cost (and more once the table outgrew the cache).
CREATE INDEX postings_cover ON postings (ns, key, seq, id);
DROP INDEX postings_key;
