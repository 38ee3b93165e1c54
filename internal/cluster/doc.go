// Package cluster groups articles into events and events into stories,
// online: each article is placed as it arrives, comparing it only with the
// events an inverted index finds for it, never with all N articles.
//
// An event is one happening (place, time, participants, what happened); a
// story is a longer thread of events (two rounds of the same peace talks
// weeks apart are two events of one story). Similar but different events
// stay apart: their reports differ in who, when and the details of the lead.
//
// # Use
//
//	c := cluster.New(cluster.DefaultParams(), cluster.NewMemIndex())
//	for _, d := range docs { // after the per-article pipeline
//		eventID, err := c.Add(ctx, d)
//		…
//	}
//	events, stories := c.Events(), c.Stories() // news.Event, news.Story
//	id, ok := c.EventOf(articleID)             // where an article is now
//
// Add reads the article's ID, title, text, publication time, entity
// mentions (Name, Kind), resolved dates and figures. Adding the same
// articles in the same order always gives the same events, one at a time
// or in a batch (AddAll); an article added twice is placed once; an Add that
// fails (the index's error) changes nothing. An article's event can change
// later, when its event merges into an older one: read EventOf or Events.
//
// # How an article is placed
//
// Each article becomes unit TF-IDF vectors in seven spaces (content words,
// entity-name words, resolved calendar values, figure values, people's
// names, the words of the headline and lead, the people named in the lead;
// see features.go), weighted by the document frequencies as they stand when
// it arrives. Two articles are scored by Weights: the log-odds that they
// report one happening, linear in the spaces' cosines, fitted by logistic
// regression on ECB+ train topics (internal/eval/clusters). An event keeps
// the sums of its articles' vectors, so the mean score of an article with
// all of an event's articles costs one sparse dot product per space: this
// is average-link clustering done online. The article joins the best event
// at or above Params.Threshold, else starts its own; its event then merges
// with any event it was compared with whose mean score with it reaches
// Params.MergeThreshold. A gap in days between the article's days and the
// event's beyond Params.WindowDays lowers the score, so two similar
// happenings weeks apart stay two events; stories join on the score without
// that penalty.
//
// # Index
//
// Index is the only lookup the clusterer makes: Put files an event under an
// article's keys (its heaviest name words and terms, prefixed by space:
// "n:kyiv", "t:ceasefir") and Candidates returns the events most recently
// filed under given keys, a bounded number per key. MemIndex keeps it in
// memory; a store implements it as a table of (key, event, sequence). The
// rest of the clusterer's knowledge is State: plain structs with JSON tags
// (per article, per event, per story, and the document frequencies), which
// State returns and Restore resumes from, so a store can persist both.
//
// # On a store
//
// NewStored keeps nothing in memory: the state lives in a news.StateStore
// as rows (rows.go: the document frequencies, each article, each event and
// its sums, each story, the index as postings), and an add reads only the
// rows its own features and index keys lead to. AddWrite returns what the
// add changed as one news.StateWrite, for the caller to apply in one
// transaction with the other stages' writes of the same article; until it
// is applied nothing is changed. Events and Stories read every row: they
// are for a report of the whole store; Event and Story read one.
//
// IDs are stable: an event's ID is "e-" and its first article's ID, a
// story's "s-" and the same; when two events or stories merge, the older ID
// stands.
package cluster
