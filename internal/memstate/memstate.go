// Package memstate is a news.StateStore in memory: the cross-article pass's
// working state for a run that stores nothing (storyline analyze), and a
// reference the database-backed stores are compared with in tests.
package memstate

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"storyline/internal/news"
)

// State is a news.StateStore in memory, safe for concurrent use.
type State struct {
	mu       sync.RWMutex
	values   map[string]map[string][]byte
	postings map[string]map[string][]string // ns → key → ids, oldest first
}

var _ news.StateStore = (*State)(nil)

// New returns an empty state.
func New() *State {
	return &State{values: map[string]map[string][]byte{}, postings: map[string]map[string][]string{}}
}

func (s *State) GetState(_ context.Context, ns string, keys []string) (map[string][]byte, error) {
	if err := news.CheckStateKey("namespace", ns); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := map[string][]byte{}
	for _, k := range keys {
		if v, ok := s.values[ns][k]; ok {
			out[k] = v
		}
	}
	return out, nil
}

func (s *State) ScanState(_ context.Context, ns, after string, limit int) ([]news.StateValue, error) {
	if err := news.CheckStateKey("namespace", ns); err != nil {
		return nil, err
	}
	if limit <= 0 {
		return nil, fmt.Errorf("scan state %s: %w: limit %d", ns, news.ErrInvalid, limit)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var keys []string
	for k := range s.values[ns] {
		if k > after {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []news.StateValue
	for _, k := range keys[:min(limit, len(keys))] {
		out = append(out, news.StateValue{NS: ns, Key: k, Value: s.values[ns][k]})
	}
	return out, nil
}

func (s *State) PutState(_ context.Context, w news.StateWrite) error {
	if err := w.Validate(news.CheckStateKey); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range w.Values {
		m := s.values[v.NS]
		if m == nil {
			m = map[string][]byte{}
			s.values[v.NS] = m
		}
		if v.Value == nil {
			delete(m, v.Key)
		} else {
			m[v.Key] = append([]byte{}, v.Value...)
		}
	}
	for _, p := range w.Postings {
		m := s.postings[p.NS]
		if m == nil {
			m = map[string][]string{}
			s.postings[p.NS] = m
		}
		m[p.Key] = append(m[p.Key], p.ID)
	}
	return nil
}

// Postings reads at most perKey*8 of a key's newest entries, as the
// database stores do, so results and costs match theirs.
func (s *State) Postings(_ context.Context, ns string, keys []string, perKey int) (map[string][]string, error) {
	if err := news.CheckStateKey("namespace", ns); err != nil {
		return nil, err
	}
	if perKey <= 0 {
		return nil, fmt.Errorf("postings %s: %w: perKey %d", ns, news.ErrInvalid, perKey)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := map[string][]string{}
	for _, k := range keys {
		p := s.postings[ns][k]
		seen := map[string]bool{}
		for i, read := len(p)-1, 0; i >= 0 && read < perKey*8 && len(out[k]) < perKey; i, read = i-1, read+1 {
			if !seen[p[i]] {
				seen[p[i]] = true
				out[k] = append(out[k], p[i])
			}
		}
	}
	return out, nil
}

// DropState deletes every value and posting whose namespace begins with
// prefix.
func (s *State) DropState(_ context.Context, prefix string) error {
	if err := news.CheckStateKey("namespace prefix", prefix); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for ns := range s.values {
		if strings.HasPrefix(ns, prefix) {
			delete(s.values, ns)
		}
	}
	for ns := range s.postings {
		if strings.HasPrefix(ns, prefix) {
			delete(s.postings, ns)
		}
	}
	return nil
}
