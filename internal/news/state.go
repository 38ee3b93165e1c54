package news

import (
	"context"
	"fmt"
	"unicode/utf8"
)

// StateStore keeps the working state of the cross-article pass beside the
// articles, so that adding one article reads and writes only the rows its
// candidates touch: values under (namespace, key) — an event's centroid, a
// name's identity, a word's document frequency — and postings, an inverted
// index from keys to IDs through which candidates are found.
//
// Writes of one article are one transaction (PutState), so a process killed
// mid-way leaves the state as it was before that article or after it.
type StateStore interface {
	// GetState returns the values stored under keys in namespace ns; keys
	// with no value are absent from the map.
	GetState(ctx context.Context, ns string, keys []string) (map[string][]byte, error)
	// ScanState lists the values of ns in key order, starting after the
	// key after ("" = from the start), at most limit of them.
	ScanState(ctx context.Context, ns, after string, limit int) ([]StateValue, error)
	// PutState applies w atomically.
	PutState(ctx context.Context, w StateWrite) error
	// Postings returns, for each key of ns, the IDs most recently filed
	// under it, newest first, at most perKey of them (distinct).
	Postings(ctx context.Context, ns string, keys []string, perKey int) (map[string][]string, error)
}

// StateDropper is a StateStore that can drop, at once, every value and
// posting whose namespace begins with a prefix: the stored cross-article
// pass reclaims a generation of rows it has replaced this way. Postings
// cannot be deleted through a StateWrite, so without it they stay.
type StateDropper interface {
	DropState(ctx context.Context, prefix string) error
}

// StateValue is one stored value.
type StateValue struct {
	NS    string
	Key   string
	Value []byte // nil in a StateWrite deletes the key
}

// Posting files ID under Key in namespace NS.
type Posting struct {
	NS, Key, ID string
}

// StateWrite is what one step of the pass changes.
type StateWrite struct {
	Values   []StateValue
	Postings []Posting
}

// Limits on state, which every StateStore enforces (news.ErrTooLarge).
const (
	MaxStateKey   = 1 << 10  // bytes of a namespace or key
	MaxStateValue = 16 << 20 // bytes of a value
	MaxStateBatch = 100000   // values plus postings in one write
)

// CheckStateKey checks a namespace, key or posted ID: 1 to MaxStateKey
// bytes of valid UTF-8. what names it in the error.
func CheckStateKey(what, s string) error {
	if s == "" || len(s) > MaxStateKey || !utf8.ValidString(s) {
		return fmt.Errorf("state %s %.40q: %w: want 1 to %d bytes of UTF-8", what, s, ErrInvalid, MaxStateKey)
	}
	return nil
}

// Validate checks w against the limits every StateStore enforces: at most
// MaxStateBatch changes, every namespace, key and posted ID passing
// checkKey (CheckStateKey, or a store's stricter check built on it), every
// value at most MaxStateValue bytes.
func (w StateWrite) Validate(checkKey func(what, s string) error) error {
	if n := len(w.Values) + len(w.Postings); n > MaxStateBatch {
		return fmt.Errorf("write state: %w: %d changes in one write, over %d", ErrTooLarge, n, MaxStateBatch)
	}
	for _, v := range w.Values {
		if err := checkKey("namespace", v.NS); err != nil {
			return err
		}
		if err := checkKey("key", v.Key); err != nil {
			return err
		}
		if len(v.Value) > MaxStateValue {
			return fmt.Errorf("write state %s/%.40q: %w: %d bytes", v.NS, v.Key, ErrTooLarge, len(v.Value))
		}
	}
	for _, p := range w.Postings {
		for _, s := range []string{p.NS, p.Key, p.ID} {
			if err := checkKey("posting", s); err != nil {
				return err
			}
		}
	}
	return nil
}
