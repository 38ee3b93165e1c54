package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"storyline/internal/news"
)

// TestAddBatch: a batch stores what Add would store, skips what is stored
// already or repeated in the batch, and is all or nothing.
func TestAddBatch(t *testing.T) {
	ctx := context.Background()
	one, err := Open(ctx, filepath.Join(t.TempDir(), "one.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	batch, err := Open(ctx, filepath.Join(t.TempDir(), "batch.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer batch.Close()

	docs := []*news.Doc{crashDoc(0), crashDoc(1), crashDoc(2)}
	var ids []string
	for _, d := range docs {
		r, err := one.Add(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}
	if _, err := batch.Add(ctx, crashDoc(1)); err != nil {
		t.Fatal(err)
	}
	res, err := batch.AddBatch(ctx, append(docs, crashDoc(0)))
	if err != nil {
		t.Fatal(err)
	}
	added := []bool{true, false, true, false}
	for i, r := range res {
		if r.Added != added[i] || r.ID != ids[i%3] {
			t.Errorf("result %d = %+v, want added %v, id %s", i, r, added[i], ids[i%3])
		}
	}
	for _, id := range ids {
		a, err := one.Doc(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		b, err := batch.Doc(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		b.Article.AddedAt = a.Article.AddedAt // stamped at each add
		if !reflect.DeepEqual(a, b) {
			t.Errorf("article %s differs between Add and AddBatch:\n%+v\n%+v", id, a, b)
		}
	}

	bad := crashDoc(9)
	bad.Sentences = append(bad.Sentences, news.Span{Start: 0, End: len(bad.Article.Text) + 1})
	if _, err := batch.AddBatch(ctx, []*news.Doc{crashDoc(5), bad}); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("batch with a bad doc: %v, want ErrInvalid", err)
	}
	if n, err := batch.Count(ctx); err != nil || n != 3 {
		t.Errorf("after the failed batch the store holds %d (%v), want 3", n, err)
	}
	if _, err := batch.AddBatch(ctx, make([]*news.Doc, MaxBatch+1)); !errors.Is(err, news.ErrTooLarge) {
		t.Errorf("oversized batch: %v, want ErrTooLarge", err)
	}
}

// BenchmarkAddBatch measures one article of about 4 KB added in batches of
// 500, beside BenchmarkAdd's one transaction per article.
func BenchmarkAddBatch(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	b.SetBytes(int64(len(crashDoc(0).Article.Text)))
	var docs []*news.Doc
	for i := range b.N {
		docs = append(docs, crashDoc(i))
	}
	b.ResetTimer()
	for len(docs) > 0 {
		k := min(500, len(docs))
		if _, err := db.AddBatch(ctx, docs[:k]); err != nil {
			b.Fatal(err)
		}
		docs = docs[k:]
	}
}
