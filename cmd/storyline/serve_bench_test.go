package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"storyline/internal/web"
)

// BenchmarkPages measures the server time of each page and API answer on
// the demo corpus, with the report cached as a running server has it.
// The bound is 100 ms a page.
func BenchmarkPages(b *testing.B) {
	be, _ := demoServer(b)
	rep, err := be.Report(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	if len(rep.Stories) == 0 || len(rep.Entities) == 0 {
		b.Fatal("the demo report has no stories or entities")
	}
	srv, err := web.New(web.Config{Backend: be, Token: e2eToken, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	story, article, entity := rep.Stories[0].ID, rep.Articles[0].ID, rep.Entities[0].ID
	for _, p := range []struct{ name, path string }{
		{"stories", "/"},
		{"story", "/stories/" + url.PathEscape(story)},
		{"article", "/articles/" + url.PathEscape(article)},
		{"entity", "/entities/" + url.PathEscape(entity)},
		{"entities", "/entities"},
		{"search", "/search?q=Kharzin+terminal"},
		{"add", "/add"},
		{"api-stories", "/api/stories"},
		{"api-story", "/api/stories/" + url.PathEscape(story)},
		{"api-article", "/api/articles/" + url.PathEscape(article)},
		{"api-search", "/api/search?q=Kharzin"},
	} {
		b.Run(p.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, p.path, nil)
			for b.Loop() {
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%s: status %d", p.path, w.Code)
				}
			}
		})
	}
}
