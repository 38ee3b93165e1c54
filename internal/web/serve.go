package web

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// Server phases' timeouts. Writes may take a while (a feed is fetched and
// every item analysed), so the write timeout leaves room for AddTimeout.
const (
	readHeaderTimeout = 5 * time.Second
	idleTimeout       = 2 * time.Minute
	maxHeaderBytes    = 64 << 10
	// ShutdownGrace bounds how long Serve waits, once told to stop, for
	// requests and add jobs in flight.
	ShutdownGrace = 2 * time.Minute
)

// HTTPServer is an http.Server for s with a timeout on every phase.
func (s *Server) HTTPServer() *http.Server {
	return &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       time.Minute + s.cfg.AddTimeout/4, // an upload of MaxUploadBytes on a slow line
		WriteTimeout:      s.cfg.AddTimeout + 30*time.Second,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          nil,
	}
}

// Serve answers on ln until ctx ends, then stops taking requests and
// waits (up to ShutdownGrace) for the requests and add jobs in flight, so
// that an article being stored is stored.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	hs := s.HTTPServer()
	hs.BaseContext = func(net.Listener) context.Context { return context.WithoutCancel(ctx) }
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	grace, cancel := context.WithTimeout(context.Background(), ShutdownGrace)
	defer cancel()
	err := hs.Shutdown(grace)
	if jerr := s.jobs.wait(grace); jerr != nil {
		err = errors.Join(err, jerr)
	}
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	if err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
