package news

import (
	"context"
	"time"
)

// AddResult says what Store.Add did with one article.
type AddResult struct {
	ID string
	// Added is false when the store already held the article (same URL, or
	// same content hash): adding it again changes nothing.
	Added bool
}

// ArticleFilter selects articles. Zero fields select everything.
type ArticleFilter struct {
	Outlet string
	Site   string
	Since  time.Time
	Until  time.Time
	Limit  int // 0 = no limit
	Offset int
}

// SearchHit is one full-text match.
type SearchHit struct {
	ArticleID string  `json:"article"`
	Title     string  `json:"title"`
	Snippet   string  `json:"snippet"` // plain text; callers escape it
	Rank      float64 `json:"rank"`
}

// Store keeps articles with their annotations. Every backend passes the
// conformance suite in internal/storetest.
type Store interface {
	// Add stores a doc's article and annotations in one transaction. An
	// article whose URL (or, without URL, content hash) is already stored is
	// not added again.
	Add(ctx context.Context, d *Doc) (AddResult, error)
	// Article returns the stored article, or an error wrapping ErrNotFound.
	Article(ctx context.Context, id string) (*Article, error)
	// Doc returns the article with its stored annotations.
	Doc(ctx context.Context, id string) (*Doc, error)
	// Articles lists articles by publication time, then ID.
	Articles(ctx context.Context, f ArticleFilter) ([]*Article, error)
	// Count returns the number of stored articles.
	Count(ctx context.Context) (int, error)
	// Delete removes an article with its annotations, and from search;
	// an article not stored is an error wrapping ErrNotFound. The same
	// text may be added again afterwards. What the cross-article state
	// holds of it is left to the pass, which sees the store has changed.
	Delete(ctx context.Context, id string) error
	// Search runs a full-text query over titles and texts. The query is
	// plain words typed by a user, never backend syntax.
	Search(ctx context.Context, query string, limit int) ([]SearchHit, error)
	// CachedAnnotations returns annotations stored for a content hash by a
	// pipeline of the given version, so unchanged texts are not re-analysed.
	CachedAnnotations(ctx context.Context, hash, version string) (*Annotations, bool, error)
	Close() error
}
