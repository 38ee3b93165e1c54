package dedup

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

// A detector keeping its state in a SQLite store finds what one in memory
// does, and a second detector on the same store (a later process) goes on
// where the first stopped.
func TestStoreBackend(t *testing.T) {
	ctx := context.Background()
	plan, err := extract.Plan()
	if err != nil {
		t.Fatal(err)
	}
	docs, _, err := intake.Run(ctx, intake.Config{Plan: plan}, intake.FS(demo.FS(), "."), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mem := NewDetector()
	var want, got []Relation
	half := len(docs) / 2
	stored := New(db)
	for i, d := range docs {
		if r := mem.Add(d); r != nil {
			want = append(want, *r)
		}
		if _, err := db.Add(ctx, d); err != nil {
			t.Fatal(err)
		}
		if i == half {
			stored = New(db) // a new process: nothing in memory
		}
		r, err := stored.AddContext(ctx, d)
		if err != nil {
			t.Fatal(err)
		}
		if r != nil {
			got = append(got, *r)
		}
	}
	if len(want) == 0 {
		t.Fatal("the demo corpus gave no relation at all")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("store-backed relations\n %+v\nwant\n %+v", got, want)
	}
	// Adding an article again changes nothing.
	if r, err := stored.AddContext(ctx, docs[0]); err != nil || r != nil {
		t.Errorf("again: %+v, %v", r, err)
	}
}
