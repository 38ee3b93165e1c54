package news

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// ContentHash is the hex SHA-256 of a text with its whitespace runs folded,
// so that the same article re-wrapped hashes the same.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(text), " ")))
	return hex.EncodeToString(sum[:])
}

// ArticleID derives a stable ID: from the URL when there is one (the same
// page fetched twice is the same article), else from the content hash.
func ArticleID(url, hash string) string {
	key := hash
	if url != "" {
		sum := sha256.Sum256([]byte("url:" + url))
		key = hex.EncodeToString(sum[:])
	}
	if len(key) > 16 {
		key = key[:16]
	}
	return "a" + key
}

// FigureID names the i-th figure (from 0) of an article, as the report and
// the facts refer to it.
func FigureID(article string, i int) string { return fmt.Sprintf("%s-f%d", article, i+1) }

// QuoteID names the i-th quote (from 0) of an article.
func QuoteID(article string, i int) string { return fmt.Sprintf("%s-q%d", article, i+1) }

// NameKey is the key of a name of a kind, the same however it is spaced
// or capitalised: reports count an entity's mentions by it.
func NameKey(name string, kind EntityKind) string {
	return string(kind) + ":" + strings.ToLower(strings.Join(strings.Fields(name), " "))
}
