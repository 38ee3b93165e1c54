package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"storyline/internal/news"
	"storyline/internal/report"
)

type addData struct {
	Problem string
	Kind    string // the form that was sent: paste, upload, url
}

func (s *Server) addPage(w http.ResponseWriter, r *http.Request) error {
	s.render(w, r, http.StatusOK, "add", &pageData{Title: "Add articles", Nav: "add", Data: addData{}})
	return nil
}

// addSubmit reads one of the three add forms, queues the job and sends
// the browser to its progress page.
func (s *Server) addSubmit(w http.ResponseWriter, r *http.Request) error {
	if !s.auth.allowed(r) {
		return fmt.Errorf("adding articles needs the write token: sign in first: %w", errUnauthorized)
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxUploadBytes)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		if err := r.ParseMultipartForm(8 << 20); err != nil {
			return formError(err)
		}
		defer r.MultipartForm.RemoveAll()
	} else if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	if err := s.auth.checkCSRF(r); err != nil {
		return err
	}
	in, what, err := s.formInput(r)
	if err != nil {
		status, _ := statusOf(err)
		s.render(w, r, status, "add", &pageData{Title: "Add articles", Nav: "add",
			Data: addData{Problem: err.Error(), Kind: r.PostFormValue("kind")}})
		return nil
	}
	id, err := s.startAdd(r.Context(), in, what)
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/jobs/"+id, http.StatusSeeOther)
	return nil
}

func formError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return fmt.Errorf("the upload is larger than the limit of %d bytes: %w", mbe.Limit, news.ErrTooLarge)
	}
	return fmt.Errorf("read form: %v: %w", err, news.ErrInvalid)
}

// formInput turns the posted form into an AddInput.
func (s *Server) formInput(r *http.Request) (AddInput, string, error) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	in := AddInput{Title: v("title"), Outlet: v("outlet"), Byline: v("byline"), Published: v("published"), URL: v("url")}
	switch v("kind") {
	case "paste":
		body := r.PostFormValue("body")
		if strings.TrimSpace(body) == "" {
			return in, "", fmt.Errorf("paste the article's text or HTML into the box: %w", news.ErrInvalid)
		}
		if int64(len(body)) > s.cfg.MaxBodyBytes {
			return in, "", fmt.Errorf("the text is %d bytes, more than the limit of %d: %w", len(body), s.cfg.MaxBodyBytes, news.ErrTooLarge)
		}
		if v("format") == "html" {
			in.HTML = body
		} else {
			in.Text = body
		}
		return in, "pasted " + v("format"), nil
	case "upload":
		if r.MultipartForm == nil || len(r.MultipartForm.File["files"]) == 0 {
			return in, "", fmt.Errorf("choose one or more files to upload: %w", news.ErrInvalid)
		}
		heads := r.MultipartForm.File["files"]
		if len(heads) > s.cfg.MaxFiles {
			return in, "", fmt.Errorf("%d files, more than the limit of %d at once: %w", len(heads), s.cfg.MaxFiles, news.ErrTooLarge)
		}
		for _, h := range heads {
			f, err := h.Open()
			if err != nil {
				return in, "", fmt.Errorf("read upload %s: %w", clip(h.Filename, 80), err)
			}
			data, err := io.ReadAll(io.LimitReader(f, s.cfg.MaxBodyBytes+1))
			f.Close()
			if err != nil {
				return in, "", fmt.Errorf("read upload %s: %w", clip(h.Filename, 80), err)
			}
			if int64(len(data)) > s.cfg.MaxBodyBytes {
				return in, "", fmt.Errorf("%s is larger than the limit of %d bytes: %w", clip(h.Filename, 80), s.cfg.MaxBodyBytes, news.ErrTooLarge)
			}
			in.Files = append(in.Files, File{Name: h.Filename, Data: data})
		}
		in.Title, in.URL = "", "" // one title or URL cannot speak for many files
		return in, plural(len(in.Files), "uploaded file"), nil
	case "url":
		if err := checkFetchURL(in.URL); err != nil {
			return in, "", err
		}
		return AddInput{URL: in.URL, Outlet: in.Outlet}, "fetch " + in.URL, nil
	}
	return in, "", fmt.Errorf("unknown form: %w", news.ErrInvalid)
}

// checkFetchURL accepts an absolute http or https address.
func checkFetchURL(u string) error {
	if u == "" {
		return fmt.Errorf("give the address of a page or a feed: %w", news.ErrInvalid)
	}
	if len(u) > 2048 {
		return fmt.Errorf("the address is longer than 2048 bytes: %w", news.ErrTooLarge)
	}
	if webURL(u) == "" {
		return fmt.Errorf("%q is not an http or https address: %w", clip(u, 80), news.ErrInvalid)
	}
	return nil
}

// startAdd queues an add job.
func (s *Server) startAdd(ctx context.Context, in AddInput, what string) (string, error) {
	s.metrics.jobs.Inc()
	id, err := s.jobs.start(ctx, what, func(ctx context.Context, progress func(done, total int)) (AddResult, error) {
		ctx, cancel := context.WithTimeout(ctx, s.cfg.AddTimeout)
		defer cancel()
		in.Progress = progress
		return s.add(ctx, in)
	}, s.metrics.jobs.Dec)
	if err != nil {
		s.metrics.jobs.Dec()
	}
	return id, err
}

// add runs one add through the backend and counts its outcomes.
func (s *Server) add(ctx context.Context, in AddInput) (AddResult, error) {
	res, err := s.b.Add(ctx, in)
	if res.Added == nil {
		res.Added = []Added{}
	}
	if res.Duplicates == nil {
		res.Duplicates = []Added{}
	}
	if res.Failures == nil {
		res.Failures = []Failure{}
	}
	s.metrics.added.WithLabelValues("added").Add(float64(len(res.Added)))
	s.metrics.added.WithLabelValues("duplicate").Add(float64(len(res.Duplicates)))
	s.metrics.added.WithLabelValues("failed").Add(float64(len(res.Failures)))
	if err != nil {
		s.metrics.added.WithLabelValues("failed").Inc()
	}
	return res, err
}

type jobData struct {
	Job     job
	Running bool
	Where   map[string]jobPlace // article ID → where it landed
}

// jobPlace says where an added article shows: its story, if it has one.
type jobPlace struct {
	Story *report.Story
	Event *report.Event
}

func (s *Server) jobPage(w http.ResponseWriter, r *http.Request) error {
	j, ok := s.jobs.get(r.PathValue("id"))
	if !ok {
		return fmt.Errorf("no such job (jobs are kept until the server restarts): %w", news.ErrNotFound)
	}
	d := jobData{Job: j, Running: j.State == "queued" || j.State == "running", Where: map[string]jobPlace{}}
	p := &pageData{Title: "Adding: " + clip(j.What, 60), Nav: "add", Data: &d}
	if d.Running {
		p.Refresh = 1
	} else if j.Result != nil {
		ctx, cancel := s.readContext(r)
		defer cancel()
		x, err := s.report(ctx)
		if err != nil {
			return err
		}
		for _, a := range append(append([]Added{}, j.Result.Added...), j.Result.Duplicates...) {
			if ra := x.articles[a.ID]; ra != nil && ra.Event != nil {
				if ev := x.events[*ra.Event]; ev != nil {
					d.Where[a.ID] = jobPlace{Event: ev, Story: x.stories[ev.Story]}
				}
			}
		}
	}
	s.render(w, r, http.StatusOK, "job", p)
	return nil
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) error {
	s.render(w, r, http.StatusOK, "login", &pageData{Title: "Sign in", Data: map[string]string{
		"Next": localPath(r.URL.Query().Get("next"))}})
	return nil
}

func (s *Server) loginSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	if err := s.auth.checkCSRF(r); err != nil {
		return err
	}
	next := localPath(r.PostFormValue("next"))
	if !s.auth.checkToken(r.PostFormValue("token")) {
		// A wrong guess costs the guesser a moment.
		time.Sleep(300 * time.Millisecond)
		s.render(w, r, http.StatusUnauthorized, "login", &pageData{Title: "Sign in", Data: map[string]string{
			"Next": next, "Problem": "That is not the token this server was started with."}})
		return nil
	}
	s.auth.setSession(w, r)
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// deleteSubmit deletes the article of the form on its page, once the
// box saying so is ticked, and goes to the stories.
func (s *Server) deleteSubmit(w http.ResponseWriter, r *http.Request) error {
	if !s.auth.allowed(r) {
		return fmt.Errorf("deleting articles needs the write token: sign in first: %w", errUnauthorized)
	}
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	if err := s.auth.checkCSRF(r); err != nil {
		return err
	}
	if r.PostFormValue("confirm") != "yes" {
		return fmt.Errorf("tick the box to say the article is to be deleted: %w", news.ErrInvalid)
	}
	if s.deleter == nil {
		return fmt.Errorf("this server cannot delete articles: %w", errForbidden)
	}
	if err := s.deleteArticle(r, r.PathValue("id")); err != nil {
		return err
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}

func (s *Server) logoutSubmit(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := s.auth.checkCSRF(r); err != nil {
		return err
	}
	clearSession(w, r)
	http.Redirect(w, r, "/", http.StatusSeeOther)
	return nil
}
