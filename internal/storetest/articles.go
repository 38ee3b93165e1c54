package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"storyline/internal/news"
)

func ptr[T any](v T) *T { return &v }

// fullDoc is an article with every field set and annotations of every kind,
// written for these tests.
func fullDoc() *news.Doc {
	text := "Storm Edda closed the Lindqvist bridge on Tuesday. \"We will reopen it when the wind drops,\" said the mayor, Åsa Müller. At least 12 ferries stayed in port, up from 7."
	at := func(sub string) news.Span {
		i := strings.Index(text, sub)
		if i < 0 {
			panic("storetest: " + sub + " not in text")
		}
		return news.Span{Start: i, End: i + len(sub)}
	}
	cue, speaker := at("said"), at("Åsa Müller")
	zone := time.FixedZone("UTC+11", 11*3600)
	return &news.Doc{
		Article: &news.Article{
			ID:           "a-roundtrip-0001",
			Source:       "https://example.org/news/storm-edda",
			URL:          "https://example.org/news/storm-edda",
			Site:         "example.org",
			Outlet:       "Example Daily",
			Byline:       "Ola Nordmann and Kari Lind",
			Title:        "Storm Edda shuts bridge — ferries stay in port",
			Published:    time.Date(2025, 11, 25, 7, 45, 30, 123456000, zone),
			DateInferred: true,
			Language:     "en",
			Format:       "html",
			Text:         text,
			Removed: []news.Removal{
				{Text: "Sign up for our newsletter", Reason: "call to action"},
				{Text: "Read more: weather", Reason: "related link"},
			},
			Hash:    news.ContentHash(text),
			AddedAt: time.Date(2025, 11, 25, 8, 0, 0, 654321000, time.UTC),
		},
		Sentences: []news.Span{at("Storm Edda closed the Lindqvist bridge on Tuesday."), at("At least 12 ferries stayed in port, up from 7.")},
		Entities: []news.Mention{
			{Span: at("Storm Edda"), Kind: news.OtherEntity, Name: "Storm Edda"},
			{Span: speaker, Kind: news.Person, Name: "Åsa Müller", Title: "the mayor"},
		},
		Quotes: []news.Quote{{
			Span: at("We will reopen it when the wind drops,"), Direct: true, Cue: "said", CueSpan: &cue,
			SpeakerText: "the mayor, Åsa Müller", SpeakerSpan: &speaker, Speaker: "Åsa Müller",
		}},
		Figures: []news.Figure{
			{Span: at("At least 12 ferries"), Value: ptr(12.0), Min: ptr(12.0), From: ptr(7.0), Unit: "ferries", Measure: "ferries"},
		},
		Dates: []news.DateRef{
			{Span: at("on Tuesday"), Type: news.DateDate, Value: "2025-11-25", Precision: news.PrecDay, Resolved: true},
		},
	}
}

// sameArticle reports the first difference between two articles, treating
// times as instants and an empty Removed list like a missing one.
func sameArticle(want, got *news.Article) error {
	type field struct {
		name      string
		want, got any
	}
	for _, f := range []field{
		{"ID", want.ID, got.ID}, {"Source", want.Source, got.Source}, {"URL", want.URL, got.URL},
		{"Site", want.Site, got.Site}, {"Outlet", want.Outlet, got.Outlet}, {"Byline", want.Byline, got.Byline},
		{"Title", want.Title, got.Title}, {"DateInferred", want.DateInferred, got.DateInferred},
		{"Language", want.Language, got.Language}, {"Format", want.Format, got.Format},
		{"Text", want.Text, got.Text}, {"Hash", want.Hash, got.Hash},
	} {
		if f.want != f.got {
			return fmt.Errorf("%s = %q, want %q", f.name, f.got, f.want)
		}
	}
	for _, f := range []struct {
		name      string
		want, got time.Time
	}{{"Published", want.Published, got.Published}, {"AddedAt", want.AddedAt, got.AddedAt}} {
		if !f.got.Equal(f.want) {
			return fmt.Errorf("%s = %v, want %v", f.name, f.got, f.want)
		}
		if !f.got.IsZero() && f.got.Location() != time.UTC {
			return fmt.Errorf("%s comes back in %v, want UTC", f.name, f.got.Location())
		}
	}
	if len(want.Removed) != 0 || len(got.Removed) != 0 {
		if !reflect.DeepEqual(want.Removed, got.Removed) {
			return fmt.Errorf("Removed = %+v, want %+v", got.Removed, want.Removed)
		}
	}
	return nil
}

func mustAdd(t *testing.T, s news.Store, d *news.Doc) news.AddResult {
	t.Helper()
	res, err := s.Add(context.Background(), d)
	if err != nil {
		t.Fatalf("Add(%s): %v", d.Article.Source, err)
	}
	return res
}

func textDoc(source, text string) *news.Doc {
	return &news.Doc{Article: &news.Article{Source: source, Text: text}}
}

func testRoundTrip(t *testing.T, s news.Store) {
	ctx := context.Background()
	d := fullDoc()
	res := mustAdd(t, s, d)
	if !res.Added || res.ID != d.Article.ID {
		t.Fatalf("Add = %+v, want Added with ID %s", res, d.Article.ID)
	}
	got, err := s.Article(ctx, res.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := sameArticle(d.Article, got); err != nil {
		t.Errorf("Article: %v", err)
	}
	doc, err := s.Doc(ctx, res.ID)
	if err != nil {
		t.Fatal(err)
	}
	if err := sameArticle(d.Article, doc.Article); err != nil {
		t.Errorf("Doc article: %v", err)
	}
	if !reflect.DeepEqual(doc.Annotations(), d.Annotations()) {
		t.Errorf("Doc annotations:\n got %+v\nwant %+v", doc.Annotations(), d.Annotations())
	}
	if err := doc.Validate(); err != nil {
		t.Errorf("stored doc does not validate: %v", err)
	}
	// The spans must still index the same bytes of the stored text.
	q := doc.Quotes[0]
	if w, g := q.In(d.Article.Text), q.In(doc.Text()); w != g {
		t.Errorf("quote span reads %q from the stored text, want %q", g, w)
	}
}

func testDefaults(t *testing.T, s news.Store) {
	ctx := context.Background()
	text := "A quiet   week at the allotments:\nthe pumpkin show moved to Saturday."
	before := time.Now().Add(-time.Minute)
	res := mustAdd(t, s, textDoc("notes/allotments.txt", text))
	after := time.Now().Add(time.Minute)
	hash := news.ContentHash(text)
	if want := news.ArticleID("", hash); res.ID != want {
		t.Errorf("ID = %s, want news.ArticleID of the content hash, %s", res.ID, want)
	}
	d, err := s.Doc(ctx, res.ID)
	if err != nil {
		t.Fatal(err)
	}
	a := d.Article
	if a.Hash != hash {
		t.Errorf("Hash = %s, want %s", a.Hash, hash)
	}
	if a.Text != text {
		t.Errorf("Text = %q, want it byte for byte: %q", a.Text, text)
	}
	if !a.Published.IsZero() || a.DateInferred {
		t.Errorf("Published = %v (inferred %v), want unknown", a.Published, a.DateInferred)
	}
	if a.AddedAt.Before(before) || a.AddedAt.After(after) || a.AddedAt.Location() != time.UTC {
		t.Errorf("AddedAt = %v, want now in UTC", a.AddedAt)
	}
	if len(a.Removed) != 0 {
		t.Errorf("Removed = %v, want none", a.Removed)
	}
	if n := d.Annotations(); len(n.Sentences)+len(n.Entities)+len(n.Quotes)+len(n.Figures)+len(n.Dates) != 0 {
		t.Errorf("annotations = %+v, want none", n)
	}
}

func testDuplicateByURL(t *testing.T, s news.Store) {
	ctx := context.Background()
	const url = "https://example.net/2025/harbour-vote"
	first := &news.Doc{Article: &news.Article{URL: url, Source: url, Title: "Harbour vote",
		Text: "The harbour board voted seven to two to dredge the east basin."}}
	a := mustAdd(t, s, first)
	// The same page fetched later, with an edited text: still one article.
	again := &news.Doc{Article: &news.Article{URL: url, Source: url, Title: "Harbour vote (updated)",
		Text: "The harbour board voted seven to two to dredge the east basin next spring."}}
	b := mustAdd(t, s, again)
	if !a.Added || b.Added || a.ID != b.ID {
		t.Fatalf("adds = %+v then %+v, want the second to be a no-op returning the first ID", a, b)
	}
	got, err := s.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Text != first.Article.Text || got.Title != first.Article.Title {
		t.Errorf("a duplicate add changed the stored article: %q", got.Title)
	}
	// Another outlet's page with the very same words is a separate report.
	copyURL := "https://example.com/syndicated/harbour"
	c := mustAdd(t, s, &news.Doc{Article: &news.Article{URL: copyURL, Source: copyURL, Text: first.Article.Text}})
	if !c.Added || c.ID == a.ID {
		t.Errorf("same text under another URL: %+v, want a new article", c)
	}
	if n, err := s.Count(ctx); err != nil || n != 2 {
		t.Errorf("Count = %d, %v; want 2", n, err)
	}
}

func testDuplicateByHash(t *testing.T, s news.Store) {
	ctx := context.Background()
	a := mustAdd(t, s, textDoc("in/first.txt", "Volunteers planted forty oaks along the canal path on Sunday."))
	// Re-wrapped whitespace hashes the same (news.ContentHash folds it).
	b := mustAdd(t, s, textDoc("in/second.txt", "Volunteers planted forty oaks\nalong the canal path  on Sunday.\n"))
	if !a.Added || b.Added || a.ID != b.ID {
		t.Fatalf("adds = %+v then %+v, want the second to be a no-op returning the first ID", a, b)
	}
	// Without a URL, a text already stored under a URL is that article.
	const url = "https://example.org/canal-oaks"
	u := mustAdd(t, s, &news.Doc{Article: &news.Article{URL: url, Source: url, Text: "Forty oaks now line the canal path, planted by volunteers."}})
	f := mustAdd(t, s, textDoc("in/saved-page.txt", "Forty oaks now line the canal path, planted by volunteers."))
	if !u.Added || f.Added || f.ID != u.ID {
		t.Errorf("URL article then same text without URL: %+v, %+v; want the second to return the first ID", u, f)
	}
	if n, err := s.Count(ctx); err != nil || n != 2 {
		t.Errorf("Count = %d, %v; want 2", n, err)
	}
	got, err := s.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Source != "in/first.txt" {
		t.Errorf("Source = %q, want the first add's", got.Source)
	}
}

func testNotFound(t *testing.T, s news.Store) {
	ctx := context.Background()
	mustAdd(t, s, textDoc("x.txt", "Only one article is stored here."))
	if _, err := s.Article(ctx, "a0000000000000000"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Article(missing) error = %v, want news.ErrNotFound", err)
	}
	if _, err := s.Doc(ctx, "a0000000000000000"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Doc(missing) error = %v, want news.ErrNotFound", err)
	}
	if _, err := s.Article(ctx, "' OR 1=1 --"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Article(SQL fragment) error = %v, want news.ErrNotFound", err)
	}
	a, ok, err := s.CachedAnnotations(ctx, news.ContentHash("never stored"), "v1")
	if err != nil || ok || a != nil {
		t.Errorf("CachedAnnotations(missing) = %v, %v, %v; want nil, false, nil", a, ok, err)
	}
}

func testInvalid(t *testing.T, s news.Store) {
	ctx := context.Background()
	text := "Two buses collided gently in the depot; nobody was hurt."
	bad := []struct {
		name string
		doc  *news.Doc
	}{
		{"nil doc", nil},
		{"nil article", &news.Doc{}},
		{"empty text", textDoc("empty.txt", "")},
		{"blank text", textDoc("blank.txt", " \n\t ")},
		{"invalid UTF-8 text", textDoc("latin1.txt", "Caf\xe9 owners met the council.")},
		{"NUL in text", textDoc("nul.txt", "Two buses\x00 collided.")},
		{"invalid UTF-8 title", &news.Doc{Article: &news.Article{Title: "bad \xff title", Text: text}}},
		{"NUL in outlet", &news.Doc{Article: &news.Article{Outlet: "Daily\x00", Text: text}}},
		{"invalid UTF-8 removal", &news.Doc{Article: &news.Article{Text: text, Removed: []news.Removal{{Text: "\xc3", Reason: "menu"}}}}},
		{"span past the end", &news.Doc{Article: &news.Article{Text: text}, Sentences: []news.Span{{Start: 0, End: len(text) + 1}}}},
		{"negative span", &news.Doc{Article: &news.Article{Text: text}, Figures: []news.Figure{{Span: news.Span{Start: -1, End: 3}}}}},
		{"reversed span", &news.Doc{Article: &news.Article{Text: text}, Quotes: []news.Quote{{Span: news.Span{Start: 9, End: 4}}}}},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			res, err := s.Add(ctx, c.doc)
			if !errors.Is(err, news.ErrInvalid) {
				t.Errorf("Add = %+v, %v; want an error wrapping news.ErrInvalid", res, err)
			}
		})
	}
	if n, err := s.Count(ctx); err != nil || n != 0 {
		t.Errorf("Count after refused adds = %d, %v; want 0", n, err)
	}
}

func testCancelled(t *testing.T, s news.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Add(ctx, textDoc("late.txt", "This add was cancelled before it began.")); err == nil {
		t.Error("Add with a cancelled context succeeded")
	}
	if n, err := s.Count(context.Background()); err != nil || n != 0 {
		t.Errorf("Count = %d, %v; want 0", n, err)
	}
}

func testCount(t *testing.T, s news.Store) {
	ctx := context.Background()
	if n, err := s.Count(ctx); err != nil || n != 0 {
		t.Fatalf("empty store: Count = %d, %v", n, err)
	}
	for i := range 5 {
		mustAdd(t, s, textDoc(fmt.Sprintf("c%d.txt", i), fmt.Sprintf("Bulletin number %d about the bakery's new oven.", i)))
	}
	mustAdd(t, s, textDoc("dup.txt", "Bulletin number 3 about the bakery's new oven."))
	if n, err := s.Count(ctx); err != nil || n != 5 {
		t.Errorf("Count = %d, %v; want 5", n, err)
	}
}

// testDelete: a deleted article is gone from every read, search and the
// count, its neighbours are untouched, a second delete is ErrNotFound, and
// the same text can be stored again.
func testDelete(t *testing.T, s news.Store) {
	ctx := context.Background()
	keep := mustAdd(t, s, textDoc("keep.txt", "The ferry to Ostrand sails again after the storm, the harbour office said."))
	d := fullDoc()
	gone := mustAdd(t, s, d)
	word := strings.Fields(d.Article.Title)[0]
	if hits, err := s.Search(ctx, word, 10); err != nil || len(hits) == 0 || hits[0].ArticleID != gone.ID {
		t.Fatalf("Search(%q) before Delete = %+v, %v; want the article", word, hits, err)
	}
	if err := s.Delete(ctx, gone.ID); err != nil {
		t.Fatalf("Delete(%s): %v", gone.ID, err)
	}
	if _, err := s.Article(ctx, gone.ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Article after Delete: %v, want ErrNotFound", err)
	}
	if _, err := s.Doc(ctx, gone.ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Doc after Delete: %v, want ErrNotFound", err)
	}
	if n, err := s.Count(ctx); err != nil || n != 1 {
		t.Errorf("Count after Delete = %d, %v; want 1", n, err)
	}
	arts, err := s.Articles(ctx, news.ArticleFilter{})
	if err != nil || len(arts) != 1 || arts[0].ID != keep.ID {
		t.Errorf("Articles after Delete = %d articles, %v; want only %s", len(arts), err, keep.ID)
	}
	for _, w := range append(strings.Fields(d.Article.Title), word) {
		hits, err := s.Search(ctx, w, 10)
		if err != nil {
			t.Fatalf("Search(%q): %v", w, err)
		}
		for _, h := range hits {
			if h.ArticleID == gone.ID {
				t.Errorf("Search(%q) still finds the deleted article", w)
			}
		}
	}
	if err := s.Delete(ctx, gone.ID); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("second Delete: %v, want ErrNotFound", err)
	}
	if err := s.Delete(ctx, "no-such-article"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Delete of an unknown ID: %v, want ErrNotFound", err)
	}
	again := mustAdd(t, s, fullDoc())
	if !again.Added {
		t.Errorf("the deleted article's text cannot be stored again: %+v", again)
	}
	if _, err := s.Doc(ctx, again.ID); err != nil {
		t.Errorf("Doc of the article stored again: %v", err)
	}
}
