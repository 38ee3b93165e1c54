package cluster

import (
	"context"
	"sync"
)

// Index files events under keys (normalised entity words, salient terms) so
// that a new article meets only the events that share something with it.
// The clusterer calls Put once per added article, with the event the
// article joined and the article's keys; the same (id, key) pair may be put
// many times. A store implements it as a table of (key, id, sequence).
type Index interface {
	// Put files id under each of keys, as the most recent entry.
	Put(ctx context.Context, id string, keys []string) error
	// Candidates returns, for each key in order, the distinct ids most
	// recently put under it, at most perKey of them, newest first; an id
	// found under several keys appears once, where first found.
	Candidates(ctx context.Context, keys []string, perKey int) ([]string, error)
}

// MemIndex is an Index in memory, safe for concurrent use. Postings only
// grow; Candidates reads at most a bounded tail of each, so the cost of one
// lookup does not grow with the number of articles filed.
type MemIndex struct {
	mu       sync.RWMutex
	postings map[string][]string
}

// NewMemIndex returns an empty in-memory index.
func NewMemIndex() *MemIndex { return &MemIndex{postings: map[string][]string{}} }

// scanFactor bounds how far back Candidates reads one key's postings:
// perKey distinct ids among at most perKey*scanFactor entries. An event
// that keeps getting articles repeats in the tail; without the bound, a key
// whose tail is one busy event would make the lookup read everything.
const scanFactor = 8

func (x *MemIndex) Put(_ context.Context, id string, keys []string) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, k := range keys {
		p := x.postings[k]
		if n := len(p); n > 0 && p[n-1] == id {
			continue // the same event again: already the newest entry
		}
		x.postings[k] = append(p, id)
	}
	return nil
}

func (x *MemIndex) Candidates(_ context.Context, keys []string, perKey int) ([]string, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	seen := map[string]bool{}
	var out []string
	for _, k := range keys {
		p := x.postings[k]
		got := map[string]bool{}
		for i, read := len(p)-1, 0; i >= 0 && len(got) < perKey && read < perKey*scanFactor; i, read = i-1, read+1 {
			id := p[i]
			if got[id] {
				continue
			}
			got[id] = true
			if !seen[id] {
				seen[id] = true
				out = append(out, id)
			}
		}
	}
	return out, nil
}

// Len is the number of keys filed.
func (x *MemIndex) Len() int {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return len(x.postings)
}
