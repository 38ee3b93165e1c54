package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"storyline/internal/news"
)

// TestState runs the state part of the suite on a news.StateStore alone
// (one that is no full store, such as an in-memory one). open must return a
// new, empty state for each call.
func TestState(t *testing.T, open func(t *testing.T) news.StateStore) {
	for _, tc := range []struct {
		name string
		run  func(*testing.T, news.StateStore)
	}{{"State", testStateOn}, {"Postings", testPostingsOn}, {"StateInvalid", testStateInvalidOn}, {"StateConcurrent", testStateConcurrentOn}, {"DropState", testDropStateOn}} {
		t.Run(tc.name, func(t *testing.T) { tc.run(t, open(t)) })
	}
}

func stateOf(t *testing.T, s news.Store) news.StateStore {
	t.Helper()
	ss, ok := s.(news.StateStore)
	if !ok {
		t.Fatalf("%T does not implement news.StateStore", s)
	}
	return ss
}

func testState(t *testing.T, s news.Store) { testStateOn(t, stateOf(t, s)) }

func testStateOn(t *testing.T, ss news.StateStore) {
	ctx := context.Background()
	w := news.StateWrite{Values: []news.StateValue{
		{NS: "event", Key: "e1", Value: []byte(`{"n":1}`)},
		{NS: "event", Key: "e2", Value: []byte(`{"n":2}`)},
		{NS: "name", Key: "e1", Value: []byte("other namespace")},
		{NS: "event", Key: "empty", Value: []byte{}},
	}}
	if err := ss.PutState(ctx, w); err != nil {
		t.Fatal(err)
	}
	got, err := ss.GetState(ctx, "event", []string{"e1", "e2", "missing", "empty"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || string(got["e1"]) != `{"n":1}` || string(got["e2"]) != `{"n":2}` || got["empty"] == nil {
		t.Errorf("GetState = %q", got)
	}
	// Overwrite and delete.
	if err := ss.PutState(ctx, news.StateWrite{Values: []news.StateValue{
		{NS: "event", Key: "e1", Value: []byte("new")}, {NS: "event", Key: "e2", Value: nil}}}); err != nil {
		t.Fatal(err)
	}
	got, _ = ss.GetState(ctx, "event", []string{"e1", "e2"})
	if len(got) != 1 || string(got["e1"]) != "new" {
		t.Errorf("after overwrite and delete: %q", got)
	}
	other, _ := ss.GetState(ctx, "name", []string{"e1"})
	if string(other["e1"]) != "other namespace" {
		t.Errorf("namespaces leak into each other: %q", other)
	}
	// Many keys at once (past any bound-parameter limit).
	var big news.StateWrite
	var keys []string
	for i := 0; i < 2500; i++ {
		k := fmt.Sprintf("k%05d", i)
		keys = append(keys, k)
		big.Values = append(big.Values, news.StateValue{NS: "df", Key: k, Value: []byte(k)})
	}
	if err := ss.PutState(ctx, big); err != nil {
		t.Fatal(err)
	}
	if got, err := ss.GetState(ctx, "df", keys); err != nil || len(got) != len(keys) {
		t.Fatalf("read back %d of %d keys: %v", len(got), len(keys), err)
	}
	// Scan pages in key order.
	var seen []string
	after := ""
	for {
		page, err := ss.ScanState(ctx, "df", after, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, v := range page {
			seen = append(seen, v.Key)
		}
		after = page[len(page)-1].Key
	}
	if len(seen) != len(keys) || seen[0] != keys[0] || seen[len(seen)-1] != keys[len(keys)-1] {
		t.Errorf("scan saw %d keys, want %d in order", len(seen), len(keys))
	}
}

func testPostings(t *testing.T, s news.Store) { testPostingsOn(t, stateOf(t, s)) }

func testPostingsOn(t *testing.T, ss news.StateStore) {
	ctx := context.Background()
	var w news.StateWrite
	for _, id := range []string{"e1", "e2", "e1", "e3", "e3", "e4"} {
		w.Postings = append(w.Postings, news.Posting{NS: "ev", Key: "kharzin", ID: id})
	}
	w.Postings = append(w.Postings, news.Posting{NS: "other", Key: "kharzin", ID: "x"})
	if err := ss.PutState(ctx, w); err != nil {
		t.Fatal(err)
	}
	got, err := ss.Postings(ctx, "ev", []string{"kharzin", "none"}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got["kharzin"], ",") != "e4,e3,e1" || len(got["none"]) != 0 {
		t.Errorf("postings = %v, want newest distinct first: e4,e3,e1", got)
	}
}

func testStateInvalid(t *testing.T, s news.Store) { testStateInvalidOn(t, stateOf(t, s)) }

func testStateInvalidOn(t *testing.T, ss news.StateStore) {
	ctx := context.Background()
	bad := []news.StateWrite{
		{Values: []news.StateValue{{NS: "", Key: "k", Value: []byte("v")}}},
		{Values: []news.StateValue{{NS: "ns", Key: "", Value: []byte("v")}}},
		{Values: []news.StateValue{{NS: "ns", Key: "\xff", Value: []byte("v")}}},
		{Values: []news.StateValue{{NS: "ns", Key: strings.Repeat("k", news.MaxStateKey+1), Value: []byte("v")}}},
		{Postings: []news.Posting{{NS: "ns", Key: "k", ID: ""}}},
	}
	for i, w := range bad {
		if err := ss.PutState(ctx, w); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("write %d: %v, want ErrInvalid", i, err)
		}
	}
	huge := news.StateWrite{Values: []news.StateValue{{NS: "ns", Key: "k", Value: make([]byte, news.MaxStateValue+1)}}}
	if err := ss.PutState(ctx, huge); !errors.Is(err, news.ErrTooLarge) {
		t.Errorf("huge value: %v, want ErrTooLarge", err)
	}
	// A failed write changes nothing: the good value before the bad one
	// is not kept.
	mixed := news.StateWrite{Values: []news.StateValue{{NS: "ns", Key: "good", Value: []byte("v")}, {NS: "ns", Key: "", Value: []byte("v")}}}
	if err := ss.PutState(ctx, mixed); err == nil {
		t.Error("a write with a bad key succeeded")
	}
	if got, _ := ss.GetState(ctx, "ns", []string{"good"}); len(got) != 0 {
		t.Errorf("a failed write left %q behind", got)
	}
	if _, err := ss.ScanState(ctx, "ns", "", 0); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("scan with limit 0: %v, want ErrInvalid", err)
	}
	if _, err := ss.Postings(ctx, "ns", []string{"k"}, 0); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("postings with perKey 0: %v, want ErrInvalid", err)
	}
	// Keys that look like SQL are only keys.
	evil := "x'); DROP TABLE state; --"
	if err := ss.PutState(ctx, news.StateWrite{Values: []news.StateValue{{NS: evil, Key: evil, Value: []byte(evil)}}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := ss.GetState(ctx, evil, []string{evil}); string(got[evil]) != evil {
		t.Errorf("hostile key read back as %q", got)
	}
}

func testStateConcurrent(t *testing.T, s news.Store) { testStateConcurrentOn(t, stateOf(t, s)) }

func testStateConcurrentOn(t *testing.T, ss news.StateStore) {
	ctx := context.Background()
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 20; i++ {
				w := news.StateWrite{Values: []news.StateValue{{NS: "c", Key: fmt.Sprintf("g%d-%d", g, i), Value: []byte("v")}},
					Postings: []news.Posting{{NS: "c", Key: "shared", ID: fmt.Sprintf("g%d-%d", g, i)}}}
				if err := ss.PutState(ctx, w); err != nil {
					errs <- err
					return
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	got, err := ss.Postings(ctx, "c", []string{"shared"}, 1000)
	if err != nil || len(got["shared"]) != 160 {
		t.Errorf("%d postings after 160 concurrent writes: %v", len(got["shared"]), err)
	}
}

func testDropState(t *testing.T, s news.Store) { testDropStateOn(t, stateOf(t, s)) }

// testDropStateOn: dropping a prefix takes every value and posting of the
// namespaces it begins, and nothing of the others (a namespace that only
// shares a shorter prefix, or begins with the prefix's own text later).
func testDropStateOn(t *testing.T, ss news.StateStore) {
	ctx := context.Background()
	d, ok := ss.(news.StateDropper)
	if !ok {
		t.Fatalf("%T does not implement news.StateDropper", ss)
	}
	w := news.StateWrite{}
	for _, ns := range []string{"g1/a", "g1/b", "g10/a", "g2/a", "xg1/a"} {
		w.Values = append(w.Values, news.StateValue{NS: ns, Key: "k", Value: []byte(ns)})
		w.Postings = append(w.Postings, news.Posting{NS: ns, Key: "k", ID: "id-" + ns})
	}
	if err := ss.PutState(ctx, w); err != nil {
		t.Fatal(err)
	}
	if err := d.DropState(ctx, "g1/"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		ns   string
		kept bool
	}{{"g1/a", false}, {"g1/b", false}, {"g10/a", true}, {"g2/a", true}, {"xg1/a", true}} {
		got, err := ss.GetState(ctx, c.ns, []string{"k"})
		if err != nil {
			t.Fatal(err)
		}
		if _, has := got["k"]; has != c.kept {
			t.Errorf("value of %s kept = %v, want %v", c.ns, has, c.kept)
		}
		post, err := ss.Postings(ctx, c.ns, []string{"k"}, 10)
		if err != nil {
			t.Fatal(err)
		}
		if has := len(post["k"]) > 0; has != c.kept {
			t.Errorf("postings of %s kept = %v, want %v", c.ns, has, c.kept)
		}
	}
	if err := d.DropState(ctx, ""); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("dropping the empty prefix (everything): %v, want ErrInvalid", err)
	}
}
