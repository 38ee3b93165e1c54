package news

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestCheckStateKey(t *testing.T) {
	for _, c := range []struct {
		s  string
		ok bool
	}{
		{"k", true},
		{"Müller", true},
		{strings.Repeat("k", MaxStateKey), true},
		{"", false},
		{strings.Repeat("k", MaxStateKey+1), false},
		{"a\xffb", false},
	} {
		err := CheckStateKey("key", c.s)
		if (err == nil) != c.ok || err != nil && !errors.Is(err, ErrInvalid) {
			t.Errorf("CheckStateKey(%.20q) = %v, want ok %v", c.s, err, c.ok)
		}
	}
}

func TestStateWriteValidate(t *testing.T) {
	noX := func(what, s string) error { // a store's stricter check
		if err := CheckStateKey(what, s); err != nil {
			return err
		}
		if strings.Contains(s, "x") {
			return fmt.Errorf("state %s %q: %w", what, s, ErrInvalid)
		}
		return nil
	}
	val := func(ns, key string, v []byte) StateWrite {
		return StateWrite{Values: []StateValue{{NS: ns, Key: key, Value: v}}}
	}
	for _, c := range []struct {
		name string
		w    StateWrite
		want error // nil = valid
	}{
		{"empty", StateWrite{}, nil},
		{"value and posting", StateWrite{Values: []StateValue{{NS: "n", Key: "k", Value: []byte("v")}}, Postings: []Posting{{NS: "n", Key: "k", ID: "a1"}}}, nil},
		{"delete", val("n", "k", nil), nil},
		{"empty namespace", val("", "k", []byte("v")), ErrInvalid},
		{"long key", val("n", strings.Repeat("k", MaxStateKey+1), []byte("v")), ErrInvalid},
		{"huge value", val("n", "k", make([]byte, MaxStateValue+1)), ErrTooLarge},
		{"bad posting ID", StateWrite{Postings: []Posting{{NS: "n", Key: "k", ID: "\xff"}}}, ErrInvalid},
		{"too many changes", StateWrite{Postings: make([]Posting, MaxStateBatch+1)}, ErrTooLarge},
		{"refused by the store's check", val("n", "box", []byte("v")), ErrInvalid},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.w.Validate(noX)
			if c.want == nil && err != nil || c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("Validate = %v, want %v", err, c.want)
			}
		})
	}
}
