package crossref

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"storyline/internal/demo"
	"storyline/internal/intake"
	"storyline/internal/news"
)

// TestStoryIsTheWholeCut checks that one page of a story read from the
// stored pass is the whole pass's result cut down to that page, for every
// page of every story of the demo corpus and of a generated one, the
// latter with pages small enough that most stories have several.
func TestStoryIsTheWholeCut(t *testing.T) {
	t.Run("demo", func(t *testing.T) { wholeCut(t, Sort(analyse(t, intake.FS(demo.FS(), ".")))) })
	t.Run("generated", func(t *testing.T) {
		if testing.Short() {
			t.Skip("analyses 300 generated articles")
		}
		smallPages(t, 8)
		wholeCut(t, benchPoolT(t, 300))
	})
}

// smallPages sets the articles a story page holds for one test.
func smallPages(t *testing.T, n int) {
	old := news.StoryPageArticles
	news.StoryPageArticles = n
	t.Cleanup(func() { news.StoryPageArticles = old })
}

// pagesOf is the pages of story s in result r.
func pagesOf(r *Result, s news.Story) [][]string {
	evs := byID(r.Events)
	var in []news.Event
	for _, id := range s.Events {
		in = append(in, evs[id])
	}
	return news.StoryPages(in)
}

func wholeCut(t *testing.T, in []*news.Doc) {
	ctx := context.Background()
	db := openSQLite(t)
	s, err := OpenStored(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Fold(ctx, store(t, db, in), nil); err != nil {
		t.Fatal(err)
	}
	want, _ := batchOf(t, db)
	if len(want.Stories) < 2 {
		t.Fatalf("%d stories", len(want.Stories))
	}
	t.Logf("%d stories", len(want.Stories))
	r := NewStoryReader(db)
	paged := 0
	for _, story := range want.Stories {
		pages := pagesOf(want, story)
		if len(pages) > 1 {
			paged++
		}
		for p := range pages {
			wholeCutPage(t, r, want, story, p+1)
		}
		if _, _, err := r.Story(ctx, story.ID, len(pages)+1); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("story %s, page %d of %d: err = %v, want ErrNotFound", story.ID, len(pages)+1, len(pages), err)
		}
	}
	t.Logf("%d stories, %d of them in more than one page", len(want.Stories), paged)

	t.Run("unknown", func(t *testing.T) {
		if _, _, err := r.Story(ctx, "no-such-story", 1); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})
	t.Run("stale", func(t *testing.T) {
		// An article stored without being folded: within countFor the
		// reader still answers from the pass, after it, it refuses.
		extra := benchPoolT(t, 1)[0]
		a := *extra.Article
		a.ID, a.URL, a.Text = "late-"+a.ID, a.URL+"/late", a.Text+" A line no other article has."
		store(t, db, []*news.Doc{{Article: &a}})
		clock := time.Now()
		r.now = func() time.Time { return clock }
		if _, _, err := r.Story(ctx, want.Stories[0].ID, 1); err != nil {
			t.Fatalf("within the count's time: %v", err)
		}
		clock = clock.Add(2 * countFor)
		if _, _, err := r.Story(ctx, want.Stories[0].ID, 1); !errors.Is(err, ErrStale) {
			t.Errorf("err = %v, want ErrStale", err)
		}
	})
}

// wholeCutPage checks one page of one story against the whole result.
func wholeCutPage(t *testing.T, r *StoryReader, want *Result, story news.Story, page int) {
	t.Helper()
	got, docs, err := r.Story(context.Background(), story.ID, page)
	if err != nil {
		t.Fatalf("story %s, page %d: %v", story.ID, page, err)
	}
	cut := cutTo(want, story, page)
	arts := map[string]bool{}
	for _, e := range pagesOf(want, story)[page-1] {
		for _, a := range byID(want.Events)[e].Articles {
			arts[a] = true
		}
	}
	linked := map[string]bool{}
	for _, rel := range cut.Relations {
		linked[rel.Article], linked[rel.Of] = true, true
	}
	have := map[string]bool{}
	for _, d := range docs {
		have[d.Article.ID] = true
		if !arts[d.Article.ID] && !linked[d.Article.ID] {
			t.Errorf("story %s, page %d: doc %s is neither on the page nor related to it", story.ID, page, d.Article.ID)
		}
	}
	for a := range arts {
		if !have[a] {
			t.Errorf("story %s, page %d: no doc of its article %s", story.ID, page, a)
		}
	}
	for _, c := range []struct {
		what      string
		got, want any
	}{
		{"stories", got.Stories, cut.Stories}, {"events", byID(got.Events), byID(cut.Events)},
		{"facts", got.Facts, cut.Facts}, {"variants", got.Variants, cut.Variants},
		{"timeline", got.Timeline, cut.Timeline}, {"relations", got.Relations, cut.Relations},
		{"identities", got.Identities, cut.Identities},
	} {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("story %s, page %d: %s differ from the whole pass's:\n got %+v\nwant %+v", story.ID, page, c.what, c.got, c.want)
		}
	}
}

// cutTo is the whole result r cut down to a page of story s, as
// StoryReader reads it: all the story's events, and what belongs to the
// page's.
func cutTo(r *Result, s news.Story, page int) *Result {
	out := &Result{Stories: []news.Story{s}}
	inStory := map[string]bool{}
	for _, id := range s.Events {
		inStory[id] = true
	}
	pages := pagesOf(r, s)
	onPage := map[string]bool{}
	for _, id := range pages[page-1] {
		onPage[id] = true
	}
	num := 0
	if len(pages) > 1 {
		num = page
	}
	arts := map[string]bool{}
	for _, e := range r.Events {
		if inStory[e.ID] {
			out.Events = append(out.Events, e)
		}
		if onPage[e.ID] {
			for _, a := range e.Articles {
				arts[a] = true
			}
		}
	}
	for _, f := range r.Facts {
		if onPage[f.Event] {
			out.Facts = append(out.Facts, f)
		}
	}
	for _, g := range r.Variants {
		for a := range arts {
			if strings.HasPrefix(g[0], a+"-q") {
				out.Variants = append(out.Variants, g)
				break
			}
		}
	}
	for _, m := range r.Timeline {
		if m.Story == s.ID && m.Page == num {
			out.Timeline = append(out.Timeline, m)
		}
	}
	for _, rel := range r.Relations {
		if arts[rel.Article] || arts[rel.Of] {
			out.Relations = append(out.Relations, rel)
		}
	}
	for _, id := range r.Identities {
		for _, a := range id.Articles {
			if arts[a] {
				out.Identities = append(out.Identities, id)
				break
			}
		}
	}
	return out
}

func byID(es []news.Event) map[string]news.Event {
	m := map[string]news.Event{}
	for _, e := range es {
		m[e.ID] = e
	}
	return m
}

// TestStoryReadIsBounded reads every story of a growing store and checks
// that, once the identities are joined, a story is read without scanning
// state, with about as many rows per article of the story at 400 stored
// articles as at 100.
func TestStoryReadIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 500 generated articles")
	}
	ctx := context.Background()
	pool := benchPoolT(t, 500)
	db := openSQLite(t)
	cs := &countingStore{DB: db}
	r := NewStoryReader(cs)
	folded := 0
	foldTo := func(n int) {
		t.Helper()
		s, err := OpenStored(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Fold(ctx, store(t, db, pool[folded:n]), nil); err != nil {
			t.Fatal(err)
		}
		folded = n
	}
	// rowsPerArticle reads every story twice (the first joins the
	// identities) and is the rows the second read per article shown.
	rowsPerArticle := func() float64 {
		t.Helper()
		s, err := OpenStored(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		stories, err := s.cl.StoriesContext(ctx)
		if err != nil {
			t.Fatal(err)
		}
		arts := 0
		for round := range 2 {
			cs.keys, cs.postings, cs.scans, cs.docs = 0, 0, 0, 0
			for _, st := range stories {
				_, docs, err := r.Story(ctx, st.ID, 1)
				if err != nil {
					t.Fatalf("story %s: %v", st.ID, err)
				}
				if round == 1 {
					arts += len(docs)
				}
			}
		}
		if cs.scans != 0 {
			t.Errorf("%d state scans reading %d stories with the identities joined", cs.scans, len(stories))
		}
		if cs.docs != arts {
			t.Errorf("%d docs read for %d articles shown", cs.docs, arts)
		}
		return float64(cs.keys+cs.postings+cs.docs) / float64(arts)
	}
	foldTo(100)
	small := rowsPerArticle()
	foldTo(400)
	large := rowsPerArticle()
	t.Logf("rows read per article of a story: %.1f at 100 stored, %.1f at 400", small, large)
	if large > 2*small {
		t.Errorf("a story read takes %.1f rows per article at 400 stored, %.1f at 100: it grows with the store", large, small)
	}
}

// TestStoryIdentitiesCatchUp checks that after articles are folded in,
// story answers go on with the identities joined before while the new
// ones are joined behind, and then have them.
func TestStoryIdentitiesCatchUp(t *testing.T) {
	ctx := context.Background()
	all := Sort(analyse(t, intake.FS(demo.FS(), ".")))
	db := openSQLite(t)
	fold := func(part []*news.Doc) {
		t.Helper()
		s, err := OpenStored(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		if rebuilt, err := s.Fold(ctx, store(t, db, part), nil); err != nil || rebuilt {
			t.Fatalf("fold: rebuilt %v, %v", rebuilt, err)
		}
	}
	half := len(all) / 2
	fold(all[:half])
	r := NewStoryReader(db)
	joined := make(chan error, 4)
	r.joined = func(err error) { joined <- err }
	early, _ := batchOf(t, db)
	if _, _, err := r.Story(ctx, early.Stories[0].ID, 1); err != nil {
		t.Fatal(err)
	}
	fold(all[half:])
	want, _ := batchOf(t, db)
	if _, _, err := r.Story(ctx, want.Stories[0].ID, 1); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-joined:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("no join behind the requests after a fold")
	}
	for _, st := range want.Stories {
		got, _, err := r.Story(ctx, st.ID, 1)
		if err != nil {
			t.Fatal(err)
		}
		if cut := cutTo(want, st, 1); !reflect.DeepEqual(got.Identities, cut.Identities) {
			t.Errorf("story %s after the join: identities\n got %+v\nwant %+v", st.ID, got.Identities, cut.Identities)
		}
	}
}

// TestStoryPageIsBounded reads the first page of every story of 400
// generated articles, in pages of 8 articles, and checks that each answer
// read the docs of that page's articles and of the articles linked to
// them, and no other: a page costs what it shows, whatever its story's
// size.
func TestStoryPageIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("analyses 500 generated articles")
	}
	smallPages(t, 8)
	ctx := context.Background()
	pool := benchPoolT(t, 500)[:400]
	db := openSQLite(t)
	s, err := OpenStored(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Fold(ctx, store(t, db, pool), nil); err != nil {
		t.Fatal(err)
	}
	stories, err := s.cl.StoriesContext(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cs := &countingStore{DB: db}
	r := NewStoryReader(cs)
	largest, paged := 0, 0
	for _, st := range stories {
		cs.docs = 0
		got, docs, err := r.Story(ctx, st.ID, 1)
		if err != nil {
			t.Fatalf("story %s: %v", st.ID, err)
		}
		pages := news.StoryPages(got.Events)
		events := byID(got.Events)
		onPage, inStory, biggest := map[string]bool{}, 0, 0
		for _, e := range got.Events {
			inStory += len(e.Articles)
		}
		for _, id := range pages[0] {
			for _, a := range events[id].Articles {
				onPage[a] = true
			}
			biggest = max(biggest, len(events[id].Articles))
		}
		own := 0
		for _, d := range docs {
			if onPage[d.Article.ID] {
				own++
			}
		}
		if own != len(onPage) || own > max(news.StoryPageArticles, biggest) {
			t.Errorf("story %s (%d articles, %d pages): %d docs of its page read, the page holds %d", st.ID, inStory, len(pages), own, len(onPage))
		}
		if cs.docs != len(docs) {
			t.Errorf("story %s: %d docs read, %d answered", st.ID, cs.docs, len(docs))
		}
		largest = max(largest, inStory)
		if len(pages) > 1 {
			paged++
		}
	}
	t.Logf("%d stories, %d in more than one page, the largest of %d articles", len(stories), paged, largest)
	if paged == 0 {
		t.Fatal("no story in more than one page: the test checks nothing")
	}
}
