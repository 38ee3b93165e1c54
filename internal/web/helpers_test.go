package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"storyline/internal/web"
	"storyline/internal/web/webtest"
)

const testToken = "test-token-0123456789"

// server starts a server over b on an httptest listener.
func server(t testing.TB, b web.Backend, mod ...func(*web.Config)) (*web.Server, *httptest.Server) {
	t.Helper()
	cfg := web.Config{Backend: b, Token: testToken, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test"}
	for _, m := range mod {
		m(&cfg)
	}
	s, err := web.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts
}

func filled(t testing.TB) (*webtest.Backend, *httptest.Server) {
	b := webtest.FilledBackend()
	_, ts := server(t, b)
	return b, ts
}

// get fetches path and returns the status and body.
func get(t testing.TB, ts *httptest.Server, path string, header ...string) (int, string, http.Header) {
	t.Helper()
	req, err := http.NewRequest("GET", ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body), resp.Header
}

func pathOf(parts ...string) string {
	for i := range parts {
		if i%2 == 1 {
			parts[i] = url.PathEscape(parts[i])
		}
	}
	return strings.Join(parts, "")
}
