package crossref

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"storyline/internal/demo"
	"storyline/internal/intake"
	"storyline/internal/news"
	"storyline/internal/sqlite"
)

func openSQLite(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// store adds docs to db and returns them as the store gives them back.
func store(t *testing.T, db *sqlite.DB, docs []*news.Doc) []*news.Doc {
	t.Helper()
	ctx := context.Background()
	var out []*news.Doc
	for _, d := range docs {
		if _, err := db.Add(ctx, d); err != nil {
			t.Fatal(err)
		}
		got, err := db.Doc(ctx, d.Article.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, got)
	}
	return out
}

// batchOf is what the report of db computes without a stored pass.
func batchOf(t *testing.T, db *sqlite.DB) (*Result, []*news.Doc) {
	t.Helper()
	s := &Stored{st: db}
	docs, err := s.stored(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	r, err := Batch(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	return r, docs
}

func sameResult(t *testing.T, s *Stored, db *sqlite.DB) {
	t.Helper()
	got, gotDocs, err := s.Result(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want, wantDocs := batchOf(t, db)
	if len(gotDocs) != len(wantDocs) {
		t.Fatalf("%d docs, the store has %d", len(gotDocs), len(wantDocs))
	}
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"events", got.Events, want.Events}, {"stories", got.Stories, want.Stories},
		{"identities", got.Identities, want.Identities}, {"relations", got.Relations, want.Relations},
		{"facts", got.Facts, want.Facts}, {"variants", got.Variants, want.Variants},
		{"timeline", got.Timeline, want.Timeline}, {"rewrites", got.RewriteOf, want.RewriteOf},
		{"copies", got.DuplicateOf, want.DuplicateOf},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("stored pass's %s differ from the batch's:\n got %+v\nwant %+v", c.what, c.got, c.want)
		}
	}
}

func TestStoredIsBatch(t *testing.T) {
	ctx := context.Background()
	docs := Sort(analyse(t, intake.FS(demo.FS(), ".")))
	if len(docs) < 6 {
		t.Fatalf("%d demo docs", len(docs))
	}
	parts := [][]*news.Doc{docs[:2], docs[2:5], docs[5:]}

	t.Run("in order", func(t *testing.T) {
		db := openSQLite(t)
		for i, part := range parts {
			// Each fold opens the pass afresh, as each 'storyline add' does.
			s, err := OpenStored(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			rebuilt, err := s.Fold(ctx, store(t, db, part), nil)
			if err != nil {
				t.Fatal(err)
			}
			if rebuilt {
				t.Errorf("part %d: rebuilt, though it came in order", i)
			}
		}
		s, err := OpenStored(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if ok, err := s.Current(ctx); err != nil || !ok {
			t.Errorf("current = %v, %v after folding every article", ok, err)
		}
		sameResult(t, s, db)
		if rebuilt, err := s.Fold(ctx, nil, nil); err != nil || rebuilt {
			t.Errorf("folding nothing: rebuilt %v, %v", rebuilt, err)
		}
	})

	t.Run("late article rebuilds", func(t *testing.T) {
		db := openSQLite(t)
		s, err := OpenStored(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Fold(ctx, store(t, db, docs[3:]), nil); err != nil {
			t.Fatal(err)
		}
		rebuilt, err := s.Fold(ctx, store(t, db, docs[:3]), nil)
		if err != nil {
			t.Fatal(err)
		}
		if !rebuilt {
			t.Error("articles published before those folded did not rebuild the pass")
		}
		if s.gen != 1 {
			t.Errorf("generation %d after one rebuild", s.gen)
		}
		// The replaced generation's rows are dropped; the new one's are there.
		for _, c := range []struct {
			ns   string
			kept bool
		}{{"g0/cluster.df", false}, {"g0/dedup.sig", false}, {"g1/cluster.df", true}, {"g1/dedup.sig", true}} {
			vs, err := db.ScanState(ctx, c.ns, "", 1)
			if err != nil {
				t.Fatal(err)
			}
			if (len(vs) > 0) != c.kept {
				t.Errorf("rows of %s kept = %v, want %v", c.ns, len(vs) > 0, c.kept)
			}
		}
		sameResult(t, s, db)
	})

	t.Run("unfolded articles rebuild", func(t *testing.T) {
		db := openSQLite(t)
		store(t, db, docs[:4]) // stored by a process that did not fold
		s, err := OpenStored(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if ok, _ := s.Current(ctx); ok {
			t.Error("current with four articles not folded")
		}
		var seen int
		rebuilt, err := s.Fold(ctx, store(t, db, docs[4:]), func(done, total int) { seen = total })
		if err != nil {
			t.Fatal(err)
		}
		if !rebuilt || seen != len(docs) {
			t.Errorf("rebuilt %v over %d articles, want a rebuild over %d", rebuilt, seen, len(docs))
		}
		sameResult(t, s, db)
	})
}

// A delete and an add by a process that does not fold leave the count as
// the pass knows it: Result must still see that the pass is stale.
func TestStoredSeesDeletes(t *testing.T) {
	ctx := context.Background()
	docs := Sort(analyse(t, intake.FS(demo.FS(), ".")))
	db := openSQLite(t)
	s, err := OpenStored(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Fold(ctx, store(t, db, docs[:len(docs)-1]), nil); err != nil {
		t.Fatal(err)
	}
	if err := db.Delete(ctx, docs[0].Article.ID); err != nil {
		t.Fatal(err)
	}
	store(t, db, docs[len(docs)-1:])
	if ok, err := s.Current(ctx); err != nil || !ok {
		t.Fatalf("the count should match: current %v, %v", ok, err)
	}
	if _, _, err := s.Result(ctx); !errors.Is(err, ErrStale) {
		t.Errorf("Result after a delete and an unfolded add: %v, want ErrStale", err)
	}
	// What a delete through the server does next: the following fold
	// builds the pass again, and it is right once more.
	if err := MarkStale(ctx, db); err != nil {
		t.Fatal(err)
	}
	s, err = OpenStored(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if rebuilt, err := s.Fold(ctx, nil, nil); err != nil || !rebuilt {
		t.Fatalf("fold after MarkStale: rebuilt %v, %v", rebuilt, err)
	}
	sameResult(t, s, db)
}

// TestStoredIsBatchGenerated folds a generated corpus, large enough for
// articles to be in two relations (their own add's and a later copy's),
// and checks the stored pass against the batch's.
func TestStoredIsBatchGenerated(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 300 generated articles")
	}
	ctx := context.Background()
	db := openSQLite(t)
	s, err := OpenStored(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Fold(ctx, store(t, db, benchPoolT(t, 300)), nil); err != nil {
		t.Fatal(err)
	}
	sameResult(t, s, db)
}

// TestStoredOldFormat checks that a pass written in another layout of
// rows is taken as stale and built again.
func TestStoredOldFormat(t *testing.T) {
	ctx := context.Background()
	db := openSQLite(t)
	s, err := OpenStored(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Fold(ctx, store(t, db, Sort(analyse(t, intake.FS(demo.FS(), ".")))), nil); err != nil {
		t.Fatal(err)
	}
	old := s.pass
	old.Format = 0
	b, err := json.Marshal(old)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.rows.PutState(ctx, news.StateWrite{Values: []news.StateValue{{NS: nsPass, Key: keyPass, Value: b}}}); err != nil {
		t.Fatal(err)
	}
	if s, err = OpenStored(ctx, db); err != nil {
		t.Fatal(err)
	}
	if ok, err := s.Current(ctx); err != nil || ok {
		t.Errorf("current = %v, %v for a pass of format 0", ok, err)
	}
	if rebuilt, err := s.Fold(ctx, nil, nil); err != nil || !rebuilt {
		t.Fatalf("fold of a pass of format 0: rebuilt %v, %v", rebuilt, err)
	}
	sameResult(t, s, db)
}

// countingStore counts what a fold reads.
type countingStore struct {
	*sqlite.DB
	keys, postings, scans, docs int
}

func (c *countingStore) Doc(ctx context.Context, id string) (*news.Doc, error) {
	c.docs++
	return c.DB.Doc(ctx, id)
}

func (c *countingStore) GetState(ctx context.Context, ns string, keys []string) (map[string][]byte, error) {
	c.keys += len(keys)
	return c.DB.GetState(ctx, ns, keys)
}

func (c *countingStore) Postings(ctx context.Context, ns string, keys []string, perKey int) (map[string][]string, error) {
	c.postings += len(keys)
	return c.DB.Postings(ctx, ns, keys, perKey)
}

func (c *countingStore) ScanState(ctx context.Context, ns, after string, limit int) ([]news.StateValue, error) {
	c.scans++
	return c.DB.ScanState(ctx, ns, after, limit)
}

// TestStoredFoldIsBounded folds generated articles into a growing store
// and checks that one fold never scans state and reads about as many rows
// at 400 stored articles as at 100: its work follows its candidates, not
// the size of the store.
func TestStoredFoldIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 500 generated articles")
	}
	ctx := context.Background()
	pool := benchPoolT(t, 500)
	db := openSQLite(t)
	cs := &countingStore{DB: db}
	s, err := OpenStored(ctx, cs)
	if err != nil {
		t.Fatal(err)
	}
	next := 0
	fold := func(n int) {
		t.Helper()
		for range n {
			d := pool[next]
			next++
			if _, err := s.Fold(ctx, store(t, db, []*news.Doc{d}), nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	// rowsPerFold is the mean rows read by the next 50 folds.
	rowsPerFold := func() float64 {
		cs.keys, cs.postings, cs.scans = 0, 0, 0
		fold(50)
		if cs.scans != 0 {
			t.Errorf("%d state scans in 50 folds", cs.scans)
		}
		return float64(cs.keys+cs.postings) / 50
	}
	fold(100)
	small := rowsPerFold()
	fold(250)
	large := rowsPerFold()
	t.Logf("rows read per fold: %.0f at 100 stored, %.0f at 400", small, large)
	if large > 2*small {
		t.Errorf("a fold reads %.0f rows at 400 stored, %.0f at 100: it grows with the store", large, small)
	}
	if ok, err := s.Current(ctx); err != nil || !ok {
		t.Errorf("current = %v, %v", ok, err)
	}
}
