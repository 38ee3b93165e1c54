package align

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"storyline/internal/demo"
	"storyline/internal/extract"
	"storyline/internal/intake"
	"storyline/internal/sqlite"
)

// A joiner on a SQLite store, used by two processes one after the other,
// gives the identities one in memory does; adding an article twice counts
// it once.
func TestStoredJoiner(t *testing.T) {
	ctx := context.Background()
	plan, err := extract.Plan()
	if err != nil {
		t.Fatal(err)
	}
	docs, _, err := intake.Run(ctx, intake.Config{Plan: plan}, intake.FS(demo.FS(), "."), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "j.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mem := NewJoiner()
	for i, d := range docs {
		mem.Add(d)
		j := NewStoredJoiner(db) // each add as its own process would
		w, err := j.AddWrite(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if err := db.PutState(ctx, w); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			w, _ := j.AddWrite(ctx, d)
			if len(w.Values) != 0 || len(w.Postings) != 0 {
				t.Errorf("the same article again writes %d values", len(w.Values))
			}
		}
	}
	got, err := NewStoredJoiner(db).IdentitiesContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := mem.Identities()
	if len(want) < 10 {
		t.Fatalf("only %d identities in the demo corpus", len(want))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("stored identities differ from the in-memory ones:\n got %d, e.g. %+v\nwant %d, e.g. %+v", len(got), got[0], len(want), want[0])
	}
}
