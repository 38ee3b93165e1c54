package sqlite

import (
	"context"
	"path/filepath"
	"sync"
	"testing"

	"storyline/internal/news"
	"storyline/internal/storetest"
)

// checkedDB runs the integrity check when the suite first closes the store,
// so every subtest also proves it left a sound file behind.
type checkedDB struct {
	*DB
	t    *testing.T
	once sync.Once
}

func (c *checkedDB) Close() error {
	c.once.Do(func() {
		if err := c.IntegrityCheck(context.Background()); err != nil {
			c.t.Errorf("after %s: %v", c.t.Name(), err)
		}
	})
	return c.DB.Close()
}

func TestConformance(t *testing.T) {
	storetest.Test(t, func(t *testing.T) news.Store {
		db, err := Open(context.Background(), filepath.Join(t.TempDir(), "store.db"))
		if err != nil {
			t.Fatal(err)
		}
		return &checkedDB{DB: db, t: t}
	})
}

// TestConformanceFolding runs the suite on the view a fold reads state
// through: its state reads go through the writing connection.
func TestConformanceFolding(t *testing.T) {
	storetest.Test(t, func(t *testing.T) news.Store {
		db, err := Open(context.Background(), filepath.Join(t.TempDir(), "store.db"))
		if err != nil {
			t.Fatal(err)
		}
		return db.Folding()
	})
}
