package web

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"
)

// contentSecurityPolicy allows our own script, styles and images and
// nothing else: no inline script or style, no frames, no plugins, forms
// posting only here. Article text is escaped everywhere; this is the
// second wall should an escape ever be missed.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'"

// Cookie names.
const (
	sessionCookie = "storyline_session"
	csrfCookie    = "storyline_csrf"
	csrfField     = "csrf"
)

// secureHeaders sets the security headers on every response.
func secureHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// auth checks the write token, given as "Authorization: Bearer TOKEN" (for
// scripts) or through the session cookie that signing in sets (for the
// browser; the cookie holds a keyed hash of the token, not the token).
type auth struct {
	token   string
	session string // the session cookie's value
	csrfKey []byte
}

func newAuth(token string) (*auth, error) {
	a := &auth{token: token}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("random key: %w", err)
	}
	if token != "" {
		// Derived from the token, so that sessions and forms outlive a
		// restart and end when the token changes.
		a.session = hexMAC([]byte(token), "storyline session v1")
		key = []byte(hexMAC([]byte(token), "storyline csrf v1"))
	}
	a.csrfKey = key
	return a, nil
}

func hexMAC(key []byte, msg string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return hex.EncodeToString(m.Sum(nil))
}

func equal(a, b string) bool { return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1 }

// allowed reports whether r carries the token.
func (a *auth) allowed(r *http.Request) bool {
	if a.token == "" {
		return false
	}
	if h := r.Header.Get("Authorization"); h != "" {
		t, ok := strings.CutPrefix(h, "Bearer ")
		return ok && equal(strings.TrimSpace(t), a.token)
	}
	c, err := r.Cookie(sessionCookie)
	return err == nil && equal(c.Value, a.session)
}

// checkToken reports whether a token typed into the sign-in form is right.
func (a *auth) checkToken(t string) bool {
	return a.token != "" && equal(strings.TrimSpace(t), a.token)
}

func (a *auth) setSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: a.session, Path: "/", HttpOnly: true,
		Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode, MaxAge: 30 * 24 * 3600})
}

func clearSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true,
		Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode, MaxAge: -1})
}

// csrfToken returns the token a form must send back: a keyed hash of a
// random per-browser cookie, set here when the browser has none.
func (a *auth) csrfToken(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(csrfCookie)
	if err != nil || len(c.Value) != 64 {
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return ""
		}
		c = &http.Cookie{Name: csrfCookie, Value: hex.EncodeToString(b), Path: "/", HttpOnly: true,
			Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode}
		http.SetCookie(w, c)
		r.AddCookie(c) // a second form on the same page gets the same token
	}
	return hexMAC(a.csrfKey, c.Value)
}

// checkCSRF verifies a posted form's token against its cookie.
func (a *auth) checkCSRF(r *http.Request) error {
	c, err := r.Cookie(csrfCookie)
	if err != nil || c.Value == "" {
		return fmt.Errorf("the form has no session cookie; reload the page and send it again: %w", errForbidden)
	}
	if !equal(r.PostFormValue(csrfField), hexMAC(a.csrfKey, c.Value)) {
		return fmt.Errorf("the form has expired or did not come from this site; reload the page and send it again: %w", errForbidden)
	}
	return nil
}

// RandomToken makes a write token for a first start.
func RandomToken() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("random token: %w", err)
	}
	return hex.EncodeToString(b), nil
}

// localPath keeps a redirect target on this site: a path, never a URL
// or a protocol-relative "//host".
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, `/\`) || strings.ContainsAny(p, "\r\n") {
		return "/"
	}
	return p
}
