// Package dedup finds the same article published twice (exact and near
// duplicates: one wire copy on several sites with different furniture) by
// MinHash over word shingles with LSH banding, and rewrites (an article that
// retells another sentence by sentence in new words) by aligning sentences
// in order.
package dedup

import (
	"encoding/binary"
	"math"
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
