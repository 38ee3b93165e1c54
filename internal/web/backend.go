package web

import (
	"context"
	"errors"

	"storyline/internal/news"
	"storyline/internal/report"
)

// Backend is everything the server reads and writes. The server holds no
// analysis of its own: the report, with its events, stories, identities
// and facts, comes whole from the backend, so a better cross-article pass
// changes what the pages show without touching this package.
type Backend interface {
	// Report is the whole store's report. The server calls it on every
	// request, so an implementation caches it and drops the cache on Add.
	Report(ctx context.Context) (*report.Report, error)
	// Doc is one article with its annotations, or an error wrapping
	// news.ErrNotFound.
	Doc(ctx context.Context, id string) (*news.Doc, error)
	// Search runs a full-text query (plain words, never backend syntax)
	// over the articles that f selects, best first.
	Search(ctx context.Context, q string, f news.ArticleFilter, limit int) ([]news.SearchHit, error)
	// Add reads, analyses and stores what in holds. Problems with single
	// inputs are listed in the result; an error means nothing could be
	// tried at all (a URL that could not be fetched, a store that failed).
	Add(ctx context.Context, in AddInput) (AddResult, error)
}

// Deleter is a Backend that can delete articles. DELETE
// /api/articles/{id} answers 405 on a backend that is not one.
type Deleter interface {
	// Delete removes a stored article, or returns an error wrapping
	// news.ErrNotFound; the report no longer shows it afterwards.
	Delete(ctx context.Context, id string) error
}

// StoryReporter is a Backend that can build the report of one page of a
// story (news.StoryPages, from 1) without the whole store's, so that a
// story's page and API read only that page's rows. ok false means it
// cannot now (its pass is stale, say) and the server answers from Report;
// an unknown story, or a page past its last, is an error wrapping
// news.ErrNotFound. The report has the story and all its events, the
// page's articles, and what belongs to them, as the whole report has
// them.
type StoryReporter interface {
	StoryReport(ctx context.Context, id string, page int) (rep *report.Report, ok bool, err error)
}

// AddInput is one request to add articles: pasted text or HTML with its
// metadata, uploaded files, or a URL to fetch (a page or a feed).
type AddInput struct {
	Text string `json:"text,omitempty"`
	HTML string `json:"html,omitempty"`
	// URL is the article's address when Text or HTML is given, and the
	// address to fetch (a page or a feed) when neither is.
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Outlet    string `json:"outlet,omitempty"`
	Site      string `json:"site,omitempty"`
	Byline    string `json:"byline,omitempty"`
	Published string `json:"published,omitempty"` // 2025-11-25 or RFC 3339
	Language  string `json:"language,omitempty"`
	Files     []File `json:"-"`
	// Progress, when set, is told how many inputs are done out of how
	// many, as analysis goes on; total is 0 until it is known.
	Progress func(done, total int) `json:"-"`
}

// File is one uploaded file.
type File struct {
	Name string
	Data []byte
}

// AddResult says what became of each input of an AddInput.
type AddResult struct {
	Added      []Added   `json:"added"`
	Duplicates []Added   `json:"duplicates"` // already stored: ID is the stored article's
	Failures   []Failure `json:"failures"`
}

// Added names one article stored (or found already stored).
type Added struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Input string `json:"input"`
}

// Failure is one input that could not be added, with the reason. Err
// keeps the error kind for the status code; it is not sent.
type Failure struct {
	Input  string `json:"input"`
	Reason string `json:"reason"`
	Err    error  `json:"-"`
}

// Error kinds of the web layer, beside news.ErrNotFound and the others.
var (
	// ErrUpstream marks a failure to fetch from another server.
	ErrUpstream = errors.New("could not fetch")
	// ErrBusy marks a request refused because too much work is queued.
	ErrBusy = errors.New("busy")
	// errUnauthorized: the request needs the token and had none or a wrong one.
	errUnauthorized = errors.New("unauthorized")
	// errForbidden: a form without a valid CSRF token, or from another origin.
	errForbidden = errors.New("forbidden")
)
