package sqlite

import (
	"context"
	"path/filepath"
	"testing"
)

// BenchmarkAdd measures one Add (one transaction, one commit) per article
// of about 4 KB into a file database.
func BenchmarkAdd(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	docs := make([]int, 0, b.N)
	for i := range b.N {
		docs = append(docs, i)
	}
	b.SetBytes(int64(len(crashDoc(0).Article.Text)))
	b.ResetTimer()
	for _, i := range docs {
		if _, err := db.Add(ctx, crashDoc(i)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch measures queries over 2,000 articles of about 4 KB: one
// whose words are in every article (the worst case: every match is ranked)
// and one that matches a single article.
func BenchmarkSearch(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for i := range 2000 {
		if _, err := db.Add(ctx, crashDoc(i)); err != nil {
			b.Fatal(err)
		}
	}
	for _, q := range []struct{ name, query string }{
		{"every-article", "ferry timetable"},
		{"one-article", "dispatch 1234"},
	} {
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				hits, err := db.Search(ctx, q.query, 20)
				if err != nil {
					b.Fatal(err)
				}
				if len(hits) == 0 {
					b.Fatalf("no hits for %q", q.query)
				}
			}
		})
	}
}
