package web

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"storyline/internal/news"
)

// apiError is the JSON body of every error the API answers.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// statusOf maps an error's kind to an HTTP status and a stable code. It is
// the one place where error kinds meet HTTP, for the API and the pages.
func statusOf(err error) (int, string) {
	var mbe *http.MaxBytesError
	switch {
	case errors.Is(err, news.ErrNotFound):
		return http.StatusNotFound, "not_found"
	case errors.Is(err, news.ErrInvalid):
		return http.StatusBadRequest, "invalid"
	case errors.Is(err, news.ErrConflict):
		return http.StatusConflict, "conflict"
	case errors.Is(err, news.ErrTooLarge), errors.As(err, &mbe):
		return http.StatusRequestEntityTooLarge, "too_large"
	case errors.Is(err, errUnauthorized):
		return http.StatusUnauthorized, "unauthorized"
	case errors.Is(err, errForbidden):
		return http.StatusForbidden, "forbidden"
	case errors.Is(err, ErrUpstream):
		return http.StatusBadGateway, "upstream"
	case errors.Is(err, ErrBusy):
		return http.StatusServiceUnavailable, "busy"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "timeout"
	case errors.Is(err, context.Canceled):
		return http.StatusServiceUnavailable, "canceled"
	}
	return http.StatusInternalServerError, "internal"
}

// publicMessage is what a client may read of err. Errors of a known kind
// were written for the user (they name the input and the reason); an
// unexpected error may carry paths or SQL, so it is logged, not sent.
func publicMessage(err error, status int) string {
	if status == http.StatusInternalServerError {
		return "internal error; the server log has the details"
	}
	return err.Error()
}

// writeAPIError answers err as JSON.
func (s *Server) writeAPIError(w http.ResponseWriter, r *http.Request, err error) {
	status, code := statusOf(err)
	if status >= 500 {
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="storyline"`)
	}
	writeJSON(w, status, apiError{Code: code, Message: publicMessage(err, status)})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true) // the body may end up pasted into a page
	if err := enc.Encode(v); err != nil {
		slog.Debug("write json", "err", err) // the client went away
	}
}
