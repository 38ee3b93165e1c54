package postgres

import (
	"context"
	"testing"

	"storyline/internal/news"
	"storyline/internal/postgres/pgtest"
	"storyline/internal/storetest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// openTemp opens the store on a fresh schema; it is closed when t ends.
func openTemp(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), pgtest.URL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.Test(t, func(t *testing.T) news.Store { return openTemp(t) })
}
