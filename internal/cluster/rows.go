package cluster

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"storyline/internal/news"
)

// Namespaces of the clusterer's rows in a news.StateStore (see doc.go).
const (
	nsMeta    = "cluster.meta"    // "n": articles added; "params": the Params, JSON
	nsDF      = "cluster.df"      // feature key → articles holding it, decimal
	nsArticle = "cluster.article" // article ID → ArticleState, JSON
	nsEvent   = "cluster.event"   // event ID → eventRow, JSON
	nsSums    = "cluster.sums"    // event ID → its sums, counts and articles, binary
	nsStory   = "cluster.story"   // story ID → StoryState, JSON
	nsIndex   = "cluster.idx"     // index key → event IDs (postings)
)

// maxPlainKey is the longest feature key stored as itself; longer ones, and
// any that is not UTF-8 (a text's stray bytes), are stored by their hash.
const maxPlainKey = 256

// rowKey is the store key of a feature or index key. Every feature key
// begins with its space ("t:", "n:" …), so the "#" of a hashed one cannot
// meet a plain one.
func rowKey(k string) string {
	if len(k) <= maxPlainKey && utf8.ValidString(k) {
		return k
	}
	sum := sha256.Sum256([]byte(k))
	return "#" + hex.EncodeToString(sum[:])
}

// eventRow is the light part of an event: enough to follow a merge, rank
// candidates, penalise a gap in time and find the story. The index finds
// many events for one article and only the best few are compared, so the
// sums (the heavy part) are a row of their own.
type eventRow struct {
	ID     string    `json:"id"`
	Seq    int       `json:"seq"`
	Story  string    `json:"story"`
	N      int       `json:"n"`
	Merged string    `json:"merged,omitempty"`
	Start  time.Time `json:"start,omitzero"`
	End    time.Time `json:"end,omitzero"`
}

func encodeEvent(e *EventState) ([]byte, error) {
	return json.Marshal(eventRow{ID: e.ID, Seq: e.Seq, Story: e.Story, N: e.N, Merged: e.Merged, Start: e.Start, End: e.End})
}

func decodeEvent(b []byte) (*EventState, error) {
	var r eventRow
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, err
	}
	return &EventState{ID: r.ID, Seq: r.Seq, Story: r.Story, N: r.N, Merged: r.Merged, Start: r.Start, End: r.End}, nil
}

// bodyVersion is the first byte of a sums row.
const bodyVersion = 1

// encodeBody writes an event's sums (per space: the count of features,
// then each key and the bits of its weight), counts and articles. Binary
// rather than JSON: the sums are the bulk of what an add reads, and the
// weights must come back bit for bit.
func encodeBody(e *EventState) []byte {
	b := []byte{bodyVersion}
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for i := range nSpaces {
		b = binary.AppendUvarint(b, uint64(e.Counts[i]))
		b = binary.AppendUvarint(b, uint64(len(e.Sums[i])))
		for _, f := range e.Sums[i] {
			str(f.Key)
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(f.W))
		}
	}
	b = binary.AppendUvarint(b, uint64(len(e.Articles)))
	for _, a := range e.Articles {
		str(a)
	}
	return b
}

// decodeBody fills e's sums, counts and articles from a sums row.
func decodeBody(e *EventState, b []byte) error {
	bad := fmt.Errorf("sums of %s: %w: malformed row", e.ID, news.ErrInvalid)
	if len(b) == 0 || b[0] != bodyVersion {
		return bad
	}
	b = b[1:]
	num := func() (int, bool) {
		v, n := binary.Uvarint(b)
		if n <= 0 || v > 1<<40 {
			return 0, false
		}
		b = b[n:]
		return int(v), true
	}
	str := func() (string, bool) {
		n, ok := num()
		if !ok || n > len(b) {
			return "", false
		}
		s := string(b[:n])
		b = b[n:]
		return s, true
	}
	for i := range nSpaces {
		c, ok1 := num()
		n, ok2 := num()
		if !ok1 || !ok2 || n > len(b) {
			return bad
		}
		v := make(Vec, n)
		for j := range v {
			k, ok := str()
			if !ok || len(b) < 8 {
				return bad
			}
			v[j] = Feature{k, math.Float64frombits(binary.LittleEndian.Uint64(b))}
			b = b[8:]
		}
		if n == 0 {
			v = nil
		}
		e.Counts[i], e.Sums[i] = c, v
	}
	n, ok := num()
	if !ok || n > len(b) {
		return bad
	}
	e.Articles = make([]string, n)
	for j := range e.Articles {
		if e.Articles[j], ok = str(); !ok {
			return bad
		}
	}
	if len(b) != 0 {
		return bad
	}
	return nil
}

func encodeInt(n int) []byte { return strconv.AppendInt(nil, int64(n), 10) }

func decodeInt(b []byte) (int, error) {
	n, err := strconv.Atoi(string(b))
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%w: count %.20q", news.ErrInvalid, b)
	}
	return n, nil
}
