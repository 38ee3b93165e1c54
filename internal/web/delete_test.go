package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
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

// The article page offers deleting to a signed-in reader only; the form
// needs its CSRF token and the ticked box.
func TestDeleteForm(t *testing.T) {
	b, ts := filled(t)
	rep, _ := b.Report(t.Context())
	id := rep.Articles[0].ID
	page := ts.URL + pathOf("/articles/", id)
	action := ts.URL + pathOf("/articles/", id) + "/delete"
	c := browser(t)
	if _, body, _ := get(t, ts, pathOf("/articles/", id)); strings.Contains(body, "/delete") {
		t.Error("the article page offers deleting to a reader who is not signed in")
	}
	form := func(v url.Values) string { return v.Encode() }
	const ctype = "application/x-www-form-urlencoded"
	if code, _ := post(t, c, action, ctype, form(url.Values{"confirm": {"yes"}})); code != http.StatusUnauthorized {
		t.Errorf("delete without signing in: status %d, want 401", code)
	}
	signIn(t, c, ts.URL)
	if _, body := send(t, c, "GET", page, "", ""); !strings.Contains(body, `action="`+pathOf("/articles/", id)+`/delete"`) {
		t.Error("the article page offers no delete form to a signed-in reader")
	}
	tok := csrfOf(t, c, page)
	if code, _ := post(t, c, action, ctype, form(url.Values{"confirm": {"yes"}})); code != http.StatusForbidden {
		t.Errorf("delete without the CSRF token: status %d, want 403", code)
	}
	if code, _ := post(t, c, action, ctype, form(url.Values{"csrf": {tok}})); code != http.StatusBadRequest {
		t.Errorf("delete without the box ticked: status %d, want 400", code)
	}
	if code, _, _ := get(t, ts, pathOf("/articles/", id)); code != http.StatusOK {
		t.Fatalf("the article is gone after refused deletes: %d", code)
	}
	code, body := post(t, c, action, ctype, form(url.Values{"csrf": {tok}, "confirm": {"yes"}}))
	if code != http.StatusOK || !strings.Contains(body, "Stories") {
		t.Errorf("delete: status %d (want the stories page after the redirect): %.200s", code, body)
	}
	if code, _, _ := get(t, ts, pathOf("/articles/", id)); code != http.StatusNotFound {
		t.Errorf("article page after delete: status %d, want 404", code)
	}
}
