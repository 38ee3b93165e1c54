package sqlite

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLookupsUseIndexes: the look-ups every Add makes search an index
// rather than scan the table, so an add costs about the same at a million
// stored articles as at ten thousand.
func TestLookupsUseIndexes(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		"SELECT id FROM articles WHERE url = ? AND url <> ''",
		"SELECT id FROM articles WHERE hash = ? ORDER BY seq LIMIT 1",
		"SELECT url FROM articles WHERE id = ?",
	} {
		t.Run(q, func(t *testing.T) {
			if !strings.Contains(readSource(t, "articles.go"), q) {
				t.Fatalf("articles.go no longer runs %q; update this test", q)
			}
			rows, err := db.r.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, "x")
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			for rows.Next() {
				var id, parent, notused int
				var detail string
				if err := rows.Scan(&id, &parent, &notused, &detail); err != nil {
					t.Fatal(err)
				}
				if strings.HasPrefix(detail, "SCAN") {
					t.Errorf("plan: %s", detail)
				}
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func readSource(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
