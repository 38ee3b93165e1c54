package cluster_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"storyline/internal/cluster"
	"storyline/internal/extract"
	"storyline/internal/ingest"
	"storyline/internal/intake"
	"storyline/internal/news"
	"storyline/internal/shareddata"
)

// TestSeeds reads the four seed reports from ../shared (with their
// manifest) through intake, clusters them in file order and checks what
// EXPECTED.md's "Events, stories, rewrites" says: 000, 001 and 002 are one
// event, 003 another, and one story holds both.
func TestSeeds(t *testing.T) {
	dir := shareddata.Require(t, "seeds")
	plan, err := extract.Plan()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	docs, _, err := intake.Run(ctx, intake.Config{Plan: plan, Ingest: ingest.Options{MaxBytes: 10 << 20}}, intake.Paths([]string{dir}), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string]*news.Doc{}
	for _, d := range docs {
		byFile[filepath.Base(d.Article.Source)[:3]] = d
	}
	for _, f := range []string{"000", "001", "002", "003"} {
		if byFile[f] == nil {
			t.Fatalf("seed %s not read (got %d docs)", f, len(docs))
		}
	}
	c := cluster.New(cluster.DefaultParams(), cluster.NewMemIndex())
	if err := c.AddAll(ctx, docs); err != nil {
		t.Fatal(err)
	}
	event := map[string]string{}
	for f, d := range byFile {
		event[f], _ = c.EventOf(d.Article.ID)
	}
	if event["000"] != event["001"] || event["000"] != event["002"] {
		t.Errorf("000, 001, 002 should be one event: %v", event)
	}
	if event["003"] == event["000"] {
		t.Errorf("003 should be an event of its own: %v", event)
	}
	evs := c.Events()
	if len(evs) != 2 {
		t.Fatalf("%d events, want 2: %+v", len(evs), evs)
	}
	stories := c.Stories()
	if len(stories) != 1 || len(stories[0].Events) != 2 {
		t.Errorf("want one story of both events, got %+v", stories)
	}
	for _, e := range evs {
		if e.Title == "" || e.Start.IsZero() || e.End.Before(e.Start) {
			t.Errorf("event %s: title %q, span %v – %v", e.ID, e.Title, e.Start, e.End)
		}
		t.Logf("event %s %q %s – %s story %s articles %v", e.ID, e.Title, e.Start.Format("2006-01-02"), e.End.Format("2006-01-02"), e.Story, e.Articles)
	}
	// Event A is reported from 24 to 25 November 2025, event B in January 2026.
	for _, e := range evs {
		first := e.Start.Format("2006-01")
		if e.ID == event["000"] && first != "2025-11" || e.ID == event["003"] && first != "2026-01" {
			t.Errorf("event %s starts %s", e.ID, e.Start.Format("2006-01-02"))
		}
	}
	if len(stories) > 0 && !strings.HasPrefix(stories[0].ID, "s-") {
		t.Errorf("story ID %q", stories[0].ID)
	}
}
