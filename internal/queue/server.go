package queue

import (
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/nats-io/nats-server/v2/server"
)

// ServerConfig is an in-process NATS server with JetStream.
type ServerConfig struct {
	// Dir holds JetStream's data, so that queued jobs survive a restart.
	Dir string
	// Listen is host:port for other processes ("127.0.0.1:4222"; port 0
	// picks one); empty means no TCP port at all, reachable only from
	// this process through Config.Server.
	Listen string
	// MaxJobBytes is the largest message the server accepts.
	MaxJobBytes int
}

// StartServer starts a NATS server with JetStream inside this process and
// waits until it accepts connections. Stop it with Shutdown (then
// WaitForShutdown, before starting another on the same Dir).
func StartServer(cfg ServerConfig) (*server.Server, error) {
	if cfg.Dir == "" {
		return nil, fmt.Errorf("queue: the in-process server needs a folder for its data")
	}
	if cfg.MaxJobBytes <= 0 {
		cfg.MaxJobBytes = DefaultMaxJobBytes
	}
	opts := &server.Options{
		ServerName: "storyline",
		JetStream:  true,
		StoreDir:   cfg.Dir,
		// A job of MaxJobBytes plus its headers.
		MaxPayload: int32(cfg.MaxJobBytes + maxHeaderBytes),
		// The program owns signals and logging, not the library.
		NoSigs: true,
		NoLog:  true,
	}
	if cfg.Listen == "" {
		opts.DontListen = true
	} else {
		host, port, err := net.SplitHostPort(cfg.Listen)
		if err != nil {
			return nil, fmt.Errorf("queue: listen address %q: want host:port", cfg.Listen)
		}
		p, err := strconv.Atoi(port)
		if err != nil || p < 0 || p > 65535 {
			return nil, fmt.Errorf("queue: listen address %q: bad port", cfg.Listen)
		}
		if p == 0 {
			p = server.RANDOM_PORT
		}
		opts.Host, opts.Port = host, p
	}
	s, err := server.NewServer(opts)
	if err != nil {
		return nil, fmt.Errorf("queue: start NATS: %w", err)
	}
	go s.Start()
	if !s.ReadyForConnections(30 * time.Second) {
		s.Shutdown()
		return nil, fmt.Errorf("queue: the in-process NATS server did not start within 30 s (is %s free?)", cfg.Listen)
	}
	// Clients ask JetStream at once; with no port, "ready" can come before
	// JetStream is (a -race run once caught a request during its start).
	for deadline := time.Now().Add(30 * time.Second); !s.JetStreamEnabled(); {
		if time.Now().After(deadline) {
			s.Shutdown()
			return nil, fmt.Errorf("queue: JetStream did not start within 30 s in the in-process NATS server")
		}
		time.Sleep(5 * time.Millisecond)
	}
	return s, nil
}
