package sqlite

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/migration"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

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
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from the embedded migrations; a shipped migration must not change (add a new one and run -update):\n got:\n%s\nwant:\n%s", path, got, want)
	}
}
