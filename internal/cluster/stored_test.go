package cluster_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"storyline/internal/cluster"
	"storyline/internal/demo"
	"storyline/internal/extract"
	"storyline/internal/intake"
	"storyline/internal/memstate"
	"storyline/internal/news"
	"storyline/internal/sqlite"
)

// demoDocs is the demo corpus through the per-article pipeline, in
// publication order (the order a live pass takes them in).
func demoDocs(t *testing.T) []*news.Doc {
	t.Helper()
	plan, err := extract.Plan()
	if err != nil {
		t.Fatal(err)
	}
	docs, _, err := intake.Run(context.Background(), intake.Config{Plan: plan}, intake.FS(demo.FS(), "."), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	sort.SliceStable(docs, func(i, j int) bool {
		a, b := docs[i].Article, docs[j].Article
		if !a.Published.Equal(b.Published) {
			return a.Published.Before(b.Published)
		}
		return a.ID < b.ID
	})
	return docs
}

func openDB(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// TestStoredEqualsMemory adds corpora one article at a time to a clusterer
// on SQLite that is made anew for every add (a new process knows only the
// store; the database itself is closed and opened again half-way) and
// checks that it ends with exactly the events and stories of the clusterer
// in memory, read whole and one at a time.
func TestStoredEqualsMemory(t *testing.T) {
	corpusDocs := analysedCorpus(t)
	reversed := make([]*news.Doc, len(corpusDocs))
	for i, d := range corpusDocs {
		reversed[len(corpusDocs)-1-i] = d
	}
	for _, tc := range []struct {
		name string
		docs []*news.Doc
	}{
		{"corpus", corpusDocs},
		{"corpus reversed", reversed},
		{"demo", demoDocs(t)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			mem := cluster.New(cluster.DefaultParams(), cluster.NewMemIndex())
			path := filepath.Join(t.TempDir(), "c.db")
			db := openDB(t, path)
			defer func() { db.Close() }()
			for i, d := range tc.docs {
				want, err := mem.Add(ctx, d)
				if err != nil {
					t.Fatal(err)
				}
				if i == len(tc.docs)/2 {
					db.Close()
					db = openDB(t, path)
				}
				c := cluster.NewStored(cluster.DefaultParams(), db)
				var got string
				if i%2 == 0 {
					got, err = c.Add(ctx, d)
				} else {
					// The caller's way: take the write, apply it.
					var w news.StateWrite
					if got, w, err = c.AddWrite(ctx, d); err == nil {
						err = db.PutState(ctx, w)
					}
				}
				if err != nil {
					t.Fatalf("add %s: %v", d.Article.ID, err)
				}
				if got != want {
					t.Fatalf("add %s: event %s, in memory %s", d.Article.ID, got, want)
				}
			}
			c := cluster.NewStored(cluster.DefaultParams(), db)
			sameResults(t, ctx, c, mem, tc.docs)

			// An article added again changes nothing and writes nothing.
			id, w, err := c.AddWrite(ctx, tc.docs[0])
			want, _ := mem.EventOf(tc.docs[0].Article.ID)
			if err != nil || id != want || len(w.Values)+len(w.Postings) != 0 {
				t.Errorf("again: event %s (want %s), %d values, %d postings, %v", id, want, len(w.Values), len(w.Postings), err)
			}
		})
	}
}

// sameResults checks that c reads as ref: every event and story, whole and
// one by one, and every article's event.
func sameResults(t *testing.T, ctx context.Context, c, ref *cluster.Clusterer, docs []*news.Doc) {
	t.Helper()
	wantEvents, wantStories := ref.Events(), ref.Stories()
	if len(wantEvents) < 2 || len(wantStories) < 2 {
		t.Fatalf("only %d events and %d stories: the test would show little", len(wantEvents), len(wantStories))
	}
	evs, err := c.EventsContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(evs, wantEvents) {
		t.Errorf("events\n %+v\nin memory\n %+v", evs, wantEvents)
	}
	stories, err := c.StoriesContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(stories, wantStories) {
		t.Errorf("stories\n %+v\nin memory\n %+v", stories, wantStories)
	}
	var wantIDs []string
	for _, s := range wantStories {
		wantIDs = append(wantIDs, s.ID)
	}
	for name, cl := range map[string]*cluster.Clusterer{"stored": c, "in memory": ref} {
		if ids, err := cl.StoryIDs(ctx); err != nil || !reflect.DeepEqual(ids, wantIDs) {
			t.Errorf("StoryIDs %s = %v, %v; want %v", name, ids, err, wantIDs)
		}
	}
	for _, want := range wantEvents {
		got, err := c.Event(ctx, want.ID)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Event(%s) = %+v, %v; want %+v", want.ID, got, err, want)
		}
	}
	for _, want := range wantStories {
		got, err := c.Story(ctx, want.ID)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Story(%s) = %+v, %v; want %+v", want.ID, got, err, want)
		}
		got, evs, err := c.StoryEvents(ctx, want.ID)
		if err != nil || !reflect.DeepEqual(got, want) || len(evs) != len(want.Events) {
			t.Errorf("StoryEvents(%s) = %+v, %d events, %v; want %+v", want.ID, got, len(evs), err, want)
			continue
		}
		for i, e := range evs {
			if we, err := ref.Event(ctx, want.Events[i]); err != nil || !reflect.DeepEqual(e, we) {
				t.Errorf("StoryEvents(%s) event %d = %+v; want %+v (%v)", want.ID, i, e, we, err)
			}
		}
	}
	for _, d := range docs {
		aid := d.Article.ID
		want, _ := ref.EventOf(aid)
		got, ok, err := c.EventOfContext(ctx, aid)
		if err != nil || !ok || got != want {
			t.Errorf("EventOf(%s) = %s, %v, %v; want %s", aid, got, ok, err, want)
		}
		// The event an article first joined may have merged since; asking
		// for it by that ID gives the event it is part of now.
		first := "e-" + aid
		if e, err := ref.Event(ctx, first); err == nil {
			got, err := c.Event(ctx, first)
			if err != nil || !reflect.DeepEqual(got, e) {
				t.Errorf("Event(%s) = %+v, %v; want %+v", first, got, err, e)
			}
		}
	}
	if _, err := c.Event(ctx, "e-none"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Event(unknown) err = %v, want ErrNotFound", err)
	}
	if _, err := c.Story(ctx, "s-none"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Story(unknown) err = %v, want ErrNotFound", err)
	}
}

// failing is a store whose calls fail from the fail-th on (counting from
// 1), until fail is set to 0.
type failing struct {
	news.StateStore
	calls, fail int
}

var errStore = errors.New("store down")

func (f *failing) hit() error {
	f.calls++
	if f.fail > 0 && f.calls >= f.fail {
		return errStore
	}
	return nil
}

func (f *failing) GetState(ctx context.Context, ns string, keys []string) (map[string][]byte, error) {
	if err := f.hit(); err != nil {
		return nil, err
	}
	return f.StateStore.GetState(ctx, ns, keys)
}

func (f *failing) ScanState(ctx context.Context, ns, after string, limit int) ([]news.StateValue, error) {
	if err := f.hit(); err != nil {
		return nil, err
	}
	return f.StateStore.ScanState(ctx, ns, after, limit)
}

func (f *failing) PutState(ctx context.Context, w news.StateWrite) error {
	if err := f.hit(); err != nil {
		return err
	}
	return f.StateStore.PutState(ctx, w)
}

func (f *failing) Postings(ctx context.Context, ns string, keys []string, perKey int) (map[string][]string, error) {
	if err := f.hit(); err != nil {
		return nil, err
	}
	return f.StateStore.Postings(ctx, ns, keys, perKey)
}

// snapshot is every value the clusterer keeps in st.
func snapshot(t *testing.T, st news.StateStore) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, ns := range []string{"cluster.meta", "cluster.df", "cluster.article", "cluster.event", "cluster.sums", "cluster.story"} {
		after := ""
		for {
			page, err := st.ScanState(context.Background(), ns, after, 500)
			if err != nil {
				t.Fatal(err)
			}
			for _, v := range page {
				out[ns+"/"+v.Key] = string(v.Value)
			}
			if len(page) < 500 {
				break
			}
			after = page[len(page)-1].Key
		}
	}
	return out
}

// TestStoredFailureChangesNothing makes each call of the store fail in
// turn, one add at a time (the first call, then the second …, until an add
// gets through with all its calls): every add that fails leaves the store
// as it was, and the run ends with the events of a run without failures.
func TestStoredFailureChangesNothing(t *testing.T) {
	docs := analysedCorpus(t)
	ctx := context.Background()
	db := openDB(t, filepath.Join(t.TempDir(), "f.db"))
	defer db.Close()
	f := &failing{StateStore: db}
	mem := cluster.New(cluster.DefaultParams(), cluster.NewMemIndex())
	failed := 0
	for _, d := range docs {
		if _, err := mem.Add(ctx, d); err != nil {
			t.Fatal(err)
		}
		for k := 1; ; k++ {
			before := snapshot(t, db)
			f.calls, f.fail = 0, k
			_, err := cluster.NewStored(cluster.DefaultParams(), f).Add(ctx, d)
			f.fail = 0
			if err == nil {
				break // the add made fewer than k calls
			}
			if !errors.Is(err, errStore) {
				t.Fatalf("add %s failing at call %d: err %v", d.Article.ID, k, err)
			}
			failed++
			if after := snapshot(t, db); !reflect.DeepEqual(after, before) {
				t.Fatalf("add %s failing at call %d changed the store", d.Article.ID, k)
			}
		}
	}
	if failed < 3*len(docs) {
		t.Fatalf("only %d failing calls tried", failed)
	}
	sameResults(t, ctx, cluster.NewStored(cluster.DefaultParams(), db), mem, docs)
}

func TestStoredRejects(t *testing.T) {
	ctx := context.Background()
	d := analysedCorpus(t)[0]
	if _, _, err := cluster.New(cluster.DefaultParams(), cluster.NewMemIndex()).AddWrite(ctx, d); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("AddWrite in memory: err %v, want ErrInvalid", err)
	}
	st := memstate.New()
	if _, err := cluster.NewStored(cluster.DefaultParams(), st).Add(ctx, d); err != nil {
		t.Fatal(err)
	}
	other := cluster.DefaultParams()
	other.Threshold += 0.5
	if _, err := cluster.NewStored(other, st).Add(ctx, analysedCorpus(t)[1]); !errors.Is(err, news.ErrConflict) {
		t.Errorf("add with other params: err %v, want ErrConflict", err)
	}
	if _, err := cluster.NewStored(cluster.DefaultParams(), st).Add(ctx, &news.Doc{Article: &news.Article{}}); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("add without ID: err %v, want ErrInvalid", err)
	}
}
