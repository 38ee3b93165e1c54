package news

import (
	"crypto/sha256"
	"encoding/hex"
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
