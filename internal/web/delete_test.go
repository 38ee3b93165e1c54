package web_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func del(t *testing.T, ts *httptest.Server, url, token string) (int, string) {
	t.Helper()
	var auth []string
	if token != "" {
		auth = []string{"Authorization", "Bearer " + token}
	}
	return send(t, ts.Client(), "DELETE", url, "", "", auth...)
}

// Deleting needs the token; a deleted article is gone from the article
// API, the list and the pages; deleting it again is 404.
func TestDeleteArticle(t *testing.T) {
	b, ts := filled(t)
	rep, _ := b.Report(t.Context())
	id := rep.Articles[0].ID
	path := pathOf("/api/articles/", id)

	for _, tok := range []string{"", "wrong-token-0123456789"} {
		if code, body := del(t, ts, ts.URL+path, tok); code != http.StatusUnauthorized {
			t.Errorf("delete with token %q: status %d, want 401: %s", tok, code, body)
		}
	}
	if code, _, _ := get(t, ts, path); code != http.StatusOK {
		t.Fatalf("the article is gone after refused deletes: status %d", code)
	}
	if code, body := del(t, ts, ts.URL+path, testToken); code != http.StatusOK || !strings.Contains(body, id) {
		t.Fatalf("delete: status %d: %s", code, body)
	}
	if code, _, _ := get(t, ts, path); code != http.StatusNotFound {
		t.Errorf("GET after delete: status %d, want 404", code)
	}
	if code, _, _ := get(t, ts, pathOf("/articles/", id)); code != http.StatusNotFound {
		t.Errorf("article page after delete: status %d, want 404", code)
	}
	if _, body, _ := get(t, ts, "/api/articles?limit=500"); strings.Contains(body, `"`+id+`"`) {
		t.Errorf("the article list still holds %s", id)
	}
	if code, body := del(t, ts, ts.URL+path, testToken); code != http.StatusNotFound {
		t.Errorf("second delete: status %d, want 404: %s", code, body)
	}
	if code, body := del(t, ts, ts.URL+"/api/articles/"+strings.Repeat("a", 300), testToken); code != http.StatusBadRequest {
		t.Errorf("delete with a 300-byte ID: status %d, want 400: %s", code, body)
	}
}
