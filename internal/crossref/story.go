package crossref

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"storyline/internal/news"
	"storyline/internal/report"
)

// StoryReader answers for one story from the pass stored in a store: the
// story's row, its events', its articles' docs and relations, and the
// facts, variants and timeline lined up from those docs alone. What one
// answer reads grows with the story, not with the store; only the
// identities are the whole store's, joined once per state of the pass:
// after a fold, answers go on with the identities joined before while the
// new ones are joined behind (see identities).
//
// It is safe for concurrent use, beside a process folding into the same
// store: an answer whose reads straddled a fold is read again.
type StoryReader struct {
	st Store
	// now is the clock the count check is cached against.
	now func() time.Time

	mu      sync.Mutex
	ids     identityCache
	joining bool // a join of a newer state runs behind
	cur     currency
	// joined, when set (by tests), hears of each join behind finishing.
	joined func(error)
}

// identityCache is the identities of one state of the pass.
type identityCache struct {
	state    passState
	ids      []news.Identity
	mentions map[string]int
	ok       bool
}

// currency remembers whether the pass covered every stored article, at
// one state of the pass, for countFor: counting a large table costs more
// than the rest of a story's reads.
type currency struct {
	state passState
	at    time.Time
	ok    bool
	valid bool
}

// countFor is how long a count of the stored articles is trusted. An
// article stored by another process without being folded shows in story
// answers (as ErrStale) within this time.
const countFor = time.Second

// passState is a state of the stored pass: its generation and how many
// articles it has folded.
type passState struct{ gen, folded int }

// NewStoryReader reads stories from the pass stored in st.
func NewStoryReader(st Store) *StoryReader { return &StoryReader{st: st, now: time.Now} }

// retries bounds how often an answer is read again because a fold
// committed while it was being read.
const retries = 3

// Story returns the pass's result for one page (news.StoryPages, from 1)
// of the story filed as id, with the docs of the page's articles and of
// the articles outside it that they copy or rewrite, or that copy or
// rewrite them (shown as links). The result is the whole store's result
// cut down to that page: its one story and all the story's events, the
// facts of the page's events, the page's variants and timeline, the
// relations of its articles, and the identities named in them, with the
// whole store's count of each name's mentions (Result.Mentions). What it
// reads is bounded by the page, not the story: the story's and its
// events' rows, and the page's articles. An unknown id (or one joined
// into another story), or a page past the story's last, is
// news.ErrNotFound; a pass that does not cover every stored article is
// ErrStale, and the caller computes the pass instead.
func (r *StoryReader) Story(ctx context.Context, id string, page int) (*Result, []*news.Doc, error) {
	for range retries {
		s, err := OpenStored(ctx, r.st)
		if err != nil {
			return nil, nil, err
		}
		before := s.state()
		if err := r.current(ctx, s); err != nil {
			return nil, nil, err
		}
		res, docs, err := r.story(ctx, s, id, page)
		// A fold that committed in between may have moved what was read;
		// the pass's record says whether one did.
		after, aerr := OpenStored(ctx, r.st)
		if aerr != nil {
			return nil, nil, aerr
		}
		if after.state() != before {
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		return res, docs, nil
	}
	return nil, nil, fmt.Errorf("story %s: the pass changed under %d reads in a row: %w", id, retries, ErrStale)
}

// Report is Story assembled as a report of that page of the story alone.
func (r *StoryReader) Report(ctx context.Context, id string, page int) (*report.Report, error) {
	res, docs, err := r.Story(ctx, id, page)
	if err != nil {
		return nil, err
	}
	return report.Build(res.Input(docs, nil)), nil
}

func (s *Stored) state() passState { return passState{gen: s.gen, folded: s.pass.Folded} }

// current fails with ErrStale when s does not cover every stored article.
func (r *StoryReader) current(ctx context.Context, s *Stored) error {
	r.mu.Lock()
	c := r.cur
	r.mu.Unlock()
	if !c.valid || c.state != s.state() || r.now().Sub(c.at) > countFor {
		ok, err := s.Current(ctx)
		if err != nil {
			return err
		}
		c = currency{state: s.state(), at: r.now(), ok: ok, valid: true}
		r.mu.Lock()
		r.cur = c
		r.mu.Unlock()
	}
	if !c.ok {
		return fmt.Errorf("the pass holds %d articles, the store more or fewer: %w", s.pass.Folded, ErrStale)
	}
	return nil
}

// identities are the pass's identities and the mentions of every name.
// They are joined once per state of the pass; joining reads every name,
// which at a large store takes longer than the rest of a story's reads,
// so once there are identities of an earlier state they are answered
// while the new state's are joined behind: a story's entities are then
// at most one join behind the articles folded in. Before there are any,
// the first call joins them.
func (r *StoryReader) identities(ctx context.Context, s *Stored) (identityCache, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.ids.ok && r.ids.state == s.state() {
		return r.ids, nil
	}
	if r.ids.ok && r.ids.state.gen == s.state().gen {
		if !r.joining {
			r.joining = true
			go r.join(s)
		}
		return r.ids, nil
	}
	// No identities yet, or of a pass built again: join them now.
	ids, mentions, err := s.names.Join(ctx)
	if err != nil {
		return identityCache{}, err
	}
	r.ids = identityCache{state: s.state(), ids: ids, mentions: mentions, ok: true}
	return r.ids, nil
}

// join joins the identities of s's state behind the requests, which go
// on with the identities before.
func (r *StoryReader) join(s *Stored) {
	ctx, cancel := context.WithTimeout(context.Background(), joinTimeout)
	defer cancel()
	ids, mentions, err := s.names.Join(ctx)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.joining = false
	if err == nil && (r.ids.state.gen != s.state().gen || r.ids.state.folded < s.state().folded) {
		r.ids = identityCache{state: s.state(), ids: ids, mentions: mentions, ok: true}
	}
	if r.joined != nil {
		r.joined(err)
	}
}

// joinTimeout bounds a join behind the requests.
const joinTimeout = 10 * time.Minute

func (r *StoryReader) story(ctx context.Context, s *Stored, id string, page int) (*Result, []*news.Doc, error) {
	story, events, err := s.cl.StoryEvents(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if story.ID != id {
		// Joined into another: the whole report does not list it either.
		return nil, nil, fmt.Errorf("story %s: joined into %s: %w", id, story.ID, news.ErrNotFound)
	}
	pages := news.StoryPages(events)
	page = max(page, 1)
	if page > max(len(pages), 1) {
		return nil, nil, fmt.Errorf("story %s has %d pages, not %d: %w", id, len(pages), page, news.ErrNotFound)
	}
	want := map[string]bool{}
	if len(pages) > 0 {
		for _, e := range pages[page-1] {
			want[e] = true
		}
	}
	var arts []string
	for _, e := range events {
		if want[e.ID] {
			arts = append(arts, e.Articles...)
		}
	}
	byID := make(map[string]*news.Doc, len(arts))
	docs, err := r.docs(ctx, arts, byID)
	if err != nil {
		return nil, nil, err
	}
	// With the relations of the originals they lead to: a rewrite of a
	// copy is a rewrite of the copy's original, in this story or not.
	found, err := s.dd.Related(ctx, arts)
	if err != nil {
		return nil, nil, err
	}
	joined, err := r.identities(ctx, s)
	if err != nil {
		return nil, nil, err
	}
	// Variants are joined by speaker over every identity, as in the
	// whole pass; the result lists only those this story names.
	res := newResult(events, []news.Story{story}, joined.ids, found)
	if _, _, err := res.alignPages(docsIn(byID), nil, nil, want); err != nil {
		return nil, nil, err
	}
	res.Identities = namedIn(joined.ids, byID)
	res.Mentions = joined.mentions
	// The relations the story's articles are in, and the articles at
	// their other ends, which the story's page links to.
	rels := res.Relations[:0:0]
	var others []string
	seen := map[string]bool{}
	for _, rel := range res.Relations {
		if byID[rel.Article] == nil && byID[rel.Of] == nil {
			continue
		}
		rels = append(rels, rel)
		for _, a := range []string{rel.Article, rel.Of} {
			if byID[a] == nil && !seen[a] {
				seen[a] = true
				others = append(others, a)
			}
		}
	}
	res.Relations = nil
	if len(rels) > 0 {
		res.Relations = rels
	}
	linked, err := r.docs(ctx, others, map[string]*news.Doc{})
	if err != nil {
		return nil, nil, err
	}
	return res, append(docs, linked...), nil
}

// docs reads the docs of arts, filing each in byID.
func (r *StoryReader) docs(ctx context.Context, arts []string, byID map[string]*news.Doc) ([]*news.Doc, error) {
	docs := make([]*news.Doc, 0, len(arts))
	for _, a := range arts {
		d, err := r.st.Doc(ctx, a)
		if errors.Is(err, news.ErrNotFound) {
			return nil, fmt.Errorf("the stored pass holds article %s, which is no longer stored: %w", a, ErrStale)
		}
		if err != nil {
			return nil, fmt.Errorf("read article %s: %w", a, err)
		}
		docs = append(docs, d)
		byID[a] = d
	}
	return docs, nil
}

// namedIn keeps the identities named in one of the articles in.
func namedIn(ids []news.Identity, in map[string]*news.Doc) []news.Identity {
	var out []news.Identity
	for _, id := range ids {
		for _, a := range id.Articles {
			if in[a] != nil {
				out = append(out, id)
				break
			}
		}
	}
	return out
}
