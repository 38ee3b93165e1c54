// Package scaletest holds tests of storyline run as many processes on
// loopback: API servers and workers sharing one PostgreSQL and one NATS
// JetStream, a worker killed mid-run, PostgreSQL and NATS restarted under
// load, and a load test of the API. They build the storyline binary and
// drive it as an operator would; 'go test -short' skips them.
package scaletest
