package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"storyline/internal/news"
	"storyline/internal/web"
)

// addJob is one job on the queue: exactly what an add through the API
// (or a feed watcher) was given — pasted text or HTML with its metadata,
// uploaded files, or a URL to fetch — so that a worker runs it through the
// same code as an add in the server's own process (storeBackend.Add), and
// cleaning sees the same batch either way.
type addJob struct {
	V         int       `json:"v"`
	Text      string    `json:"text,omitempty"`
	HTML      string    `json:"html,omitempty"`
	URL       string    `json:"url,omitempty"`
	Title     string    `json:"title,omitempty"`
	Outlet    string    `json:"outlet,omitempty"`
	Site      string    `json:"site,omitempty"`
	Byline    string    `json:"byline,omitempty"`
	Published string    `json:"published,omitempty"`
	Language  string    `json:"language,omitempty"`
	Files     []jobFile `json:"files,omitempty"`
}

type jobFile struct {
	Name string `json:"name"`
	Data []byte `json:"data"`
}

// jobVersion changes when a job's meaning does; a worker refuses jobs of
// another version as dead letters rather than guess.
const jobVersion = 1

func encodeJob(in web.AddInput) ([]byte, error) {
	j := addJob{V: jobVersion, Text: in.Text, HTML: in.HTML, URL: in.URL, Title: in.Title, Outlet: in.Outlet,
		Site: in.Site, Byline: in.Byline, Published: in.Published, Language: in.Language}
	for _, f := range in.Files {
		j.Files = append(j.Files, jobFile{Name: f.Name, Data: f.Data})
	}
	b, err := json.Marshal(j)
	if err != nil {
		return nil, fmt.Errorf("encode job: %w", err)
	}
	return b, nil
}

func decodeJob(data []byte) (web.AddInput, error) {
	var j addJob
	if err := json.Unmarshal(data, &j); err != nil {
		return web.AddInput{}, fmt.Errorf("decode job: %v: %w", err, news.ErrInvalid)
	}
	if j.V != jobVersion {
		return web.AddInput{}, fmt.Errorf("job of version %d, this worker reads version %d: %w", j.V, jobVersion, news.ErrInvalid)
	}
	in := web.AddInput{Text: j.Text, HTML: j.HTML, URL: j.URL, Title: j.Title, Outlet: j.Outlet, Site: j.Site,
		Byline: j.Byline, Published: j.Published, Language: j.Language}
	for _, f := range j.Files {
		in.Files = append(in.Files, web.File{Name: f.Name, Data: f.Data})
	}
	return in, nil
}

// jobAnswer is what a worker sends back to a waiting API server: the
// result, or the error that stopped the add, each failure with the kind
// of its error so the API answers with the same status as in-process.
type jobAnswer struct {
	Added      []web.Added  `json:"added"`
	Duplicates []web.Added  `json:"duplicates"`
	Failures   []jobFailure `json:"failures"`
	Error      *jobFailure  `json:"error,omitempty"`
}

type jobFailure struct {
	Input  string `json:"input,omitempty"`
	Reason string `json:"reason"`
	Kind   string `json:"kind"`
}

// errorKinds are the kinds an answer carries, by name.
var errorKinds = []struct {
	name string
	err  error
}{
	{"not_found", news.ErrNotFound}, {"invalid", news.ErrInvalid}, {"conflict", news.ErrConflict},
	{"too_large", news.ErrTooLarge}, {"upstream", web.ErrUpstream}, {"busy", web.ErrBusy},
}

func kindOf(err error) string {
	for _, k := range errorKinds {
		if errors.Is(err, k.err) {
			return k.name
		}
	}
	return ""
}

// kindError is an error read back from an answer: its text as the worker
// wrote it, its kind as the worker knew it.
type kindError struct {
	msg  string
	kind error
}

func (e kindError) Error() string { return e.msg }
func (e kindError) Unwrap() error { return e.kind }

func errorOfKind(msg, kind string) error {
	for _, k := range errorKinds {
		if k.name == kind {
			return kindError{msg, k.err}
		}
	}
	return errors.New(msg)
}

func answerOf(res web.AddResult, err error) jobAnswer {
	a := jobAnswer{Added: res.Added, Duplicates: res.Duplicates, Failures: []jobFailure{}}
	for _, f := range res.Failures {
		a.Failures = append(a.Failures, jobFailure{Input: f.Input, Reason: f.Reason, Kind: kindOf(f.Err)})
	}
	if err != nil {
		a.Error = &jobFailure{Reason: err.Error(), Kind: kindOf(err)}
	}
	return a
}

func (a jobAnswer) result() (web.AddResult, error) {
	res := web.AddResult{Added: a.Added, Duplicates: a.Duplicates, Failures: []web.Failure{}}
	if res.Added == nil {
		res.Added = []web.Added{}
	}
	if res.Duplicates == nil {
		res.Duplicates = []web.Added{}
	}
	for _, f := range a.Failures {
		res.Failures = append(res.Failures, web.Failure{Input: f.Input, Reason: f.Reason, Err: errorOfKind(f.Reason, f.Kind)})
	}
	if a.Error != nil {
		return res, errorOfKind(a.Error.Reason, a.Error.Kind)
	}
	return res, nil
}
