package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/golden"
	"storyline/internal/migration"
)

// TestMigrationsGolden keeps shipped migrations immutable: a database in
// the field has already run them, so a change must come as a new numbered
// file. Adding one needs `go test -run Golden -update`, which also refreshes
// the schema that reviewers read in testdata/schema.golden.
func TestMigrationsGolden(t *testing.T) {
	ms, err := migration.Read(migrationFS)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, m := range ms {
		sum := sha256.Sum256([]byte(m.SQL))
		fmt.Fprintf(&b, "%04d %s %s\n", m.Version, m.Name, hex.EncodeToString(sum[:]))
	}
	compareGolden(t, "migrations.golden", b.String())
}

func TestSchemaGolden(t *testing.T) {
	db := openTemp(t)
	rows, err := db.r.QueryContext(context.Background(),
		"SELECT type, name, coalesce(sql, '') FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var typ, name, sql string
		if err := rows.Scan(&typ, &name, &sql); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "-- %s %s\n%s\n\n", typ, name, sql)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	compareGolden(t, "schema.golden", b.String())
}

func compareGolden(t *testing.T, name, got string) {
	t.Helper()
	if !golden.Check(t, filepath.Join("testdata", name), []byte(got)) {
		t.Log("a shipped migration must not change: add a new one, and run -update for the schema")
	}
}
