package main

import (
	"context"

	"storyline/internal/news"
	"storyline/internal/postgres"
	"storyline/internal/sqlite"
)

// openStore opens the store --db names: a postgres:// (or postgresql://)
// URL selects the PostgreSQL store, anything else is a SQLite file, by
// default the one in the user's data directory. name is how messages refer
// to it: the path, or the URL without its password.
func openStore(ctx context.Context, g *globals) (store news.Store, name string, err error) {
	path, err := g.dbPath()
	if err != nil {
		return nil, "", err
	}
	if postgres.IsURL(path) {
		db, err := postgres.Open(ctx, path)
		if err != nil {
			return nil, "", err
		}
		return db, db.Name(), nil
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return nil, "", err
	}
	return db, path, nil
}
