// Package dedup finds the same article published twice (exact and near
// duplicates: one wire copy on several sites with different furniture) by
// MinHash over word shingles with LSH banding, and rewrites (an article that
// retells another sentence by sentence in new words) by aligning sentences
// in order.
package dedup

import (
	"encoding/binary"
	"math"
	"sort"
	"strings"

	"github.com/cespare/xxhash/v2"

	"storyline/internal/words"
)

// Hashes is the signature size; shingleSz the words per shingle.
const (
	Hashes    = 128
	shingleSz = 5
)

// Signature is a MinHash sketch of a text's word shingles.
type Signature [Hashes]uint64

// Sign computes the signature of text's word shingles, which near
// duplicates share. Texts shorter than one shingle hash their words as one
// shingle, so a very short text still has a signature.
func Sign(text string) Signature {
	toks := words.Tokens(text)
	folds := make([]string, len(toks))
	for i, t := range toks {
		folds[i] = t.Fold
	}
	if len(folds) < shingleSz {
		return signFeatures([]string{strings.Join(folds, " ")})
	}
	shingles := make([]string, 0, len(folds)-shingleSz+1)
	for i := 0; i+shingleSz <= len(folds); i++ {
		shingles = append(shingles, strings.Join(folds[i:i+shingleSz], " "))
	}
	return signFeatures(shingles)
}

// SignVocabulary computes the signature of the set of text's content stems,
// which a rewrite shares with its original even when no five words in a row
// are the same.
func SignVocabulary(text string) Signature {
	return signFeatures(words.Content(text))
}

func signFeatures(feats []string) Signature {
	var sig Signature
	for i := range sig {
		sig[i] = math.MaxUint64
	}
	add := func(sh string) {
		base := xxhash.Sum64String(sh)
		// Derive the k hashes from one by the Kirsch–Mitzenmacher trick:
		// h_i = h1 + i·h2, cheap and as good for MinHash.
		h2 := base>>33 | base<<31 | 1
		for i := range sig {
			h := base + uint64(i)*h2
			h ^= h >> 29
			h *= 0xbf58476d1ce4e5b9
			h ^= h >> 32
			if h < sig[i] {
				sig[i] = h
			}
		}
	}
	for _, f := range feats {
		add(f)
	}
	return sig
}

// Similarity estimates the Jaccard similarity of the two texts' shingles.
func (s *Signature) Similarity(o *Signature) float64 {
	same := 0
	for i := range s {
		if s[i] == o[i] {
			same++
		}
	}
	return float64(same) / Hashes
}

// BandKeys are the LSH keys of the signature cut into bands of rows hashes:
// two texts that share any key are candidates. A store indexes them to find
// candidates without a scan. With r rows per band, two texts of Jaccard J
// are candidates with probability 1-(1-J^r)^(Hashes/r).
func (s *Signature) BandKeys(rows int) []uint64 {
	keys := make([]uint64, Hashes/rows)
	buf := make([]byte, rows*8+1)
	for b := range keys {
		buf[0] = byte(b)
		for r := 0; r < rows; r++ {
			binary.LittleEndian.PutUint64(buf[1+r*8:], s[b*rows+r])
		}
		keys[b] = xxhash.Sum64(buf)
	}
	return keys
}

// Index finds candidates among the signatures added to it, in time
// proportional to the candidates, not to the number indexed.
type Index struct {
	rows    int
	buckets map[uint64][]string
	sigs    map[string]*Signature
}

// NewIndex returns an empty index banding signatures by rows hashes: 4 rows
// (32 bands) makes a Jaccard of 0.5 a candidate with probability ≈ 0.87 and
// 0.2 with ≈ 0.05; 2 rows (64 bands) makes 0.2 a candidate with ≈ 0.93.
func NewIndex(rows int) *Index {
	return &Index{rows: rows, buckets: map[uint64][]string{}, sigs: map[string]*Signature{}}
}

// Match is a candidate with its estimated similarity.
type Match struct {
	ID         string
	Similarity float64
}

// Add indexes sig under id and returns the already indexed texts with an
// estimated similarity of at least min, most similar first.
func (x *Index) Add(id string, sig Signature, min float64) []Match {
	seen := map[string]bool{}
	var out []Match
	keys := sig.BandKeys(x.rows)
	for _, k := range keys {
		b := x.buckets[k]
		// Only the newest entries of a bucket are read: a band that many
		// articles share (common words) would otherwise make every add
		// read them all, and what an article copies or rewrites is recent.
		for _, other := range b[max(0, len(b)-maxBucketScan):] {
			if seen[other] || other == id {
				continue
			}
			seen[other] = true
			if s := sig.Similarity(x.sigs[other]); s >= min {
				out = append(out, Match{ID: other, Similarity: s})
			}
		}
	}
	for _, k := range keys {
		x.buckets[k] = append(x.buckets[k], id)
	}
	x.sigs[id] = &sig
	sortMatches(out)
	return out
}

// maxBucketScan bounds the entries read per band bucket.
const maxBucketScan = 256

func sortMatches(m []Match) {
	sort.Slice(m, func(i, j int) bool {
		if m[i].Similarity != m[j].Similarity {
			return m[i].Similarity > m[j].Similarity
		}
		return m[i].ID < m[j].ID
	})
}
