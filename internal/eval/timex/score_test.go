package timex

import (
	"math"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScorer(t *testing.T) {
	gold := []Timex{
		{Start: 0, End: 9, Type: "DATE", Value: "2013-03-22"},    // exact match, right value
		{Start: 20, End: 30, Type: "DURATION", Value: "P2D"},     // overlap, wrong value
		{Start: 40, End: 45, Type: "DATE", Value: "PRESENT_REF"}, // missed
		{Start: 50, End: 60, Type: "TIME", Value: "2013-03-22T15:00"},
	}
	sys := []Span{
		{Start: 0, End: 9, Type: "date", Value: "2013-03-22"},
		{Start: 25, End: 35, Type: "duration", Value: "P3D"},
		{Start: 36, End: 39, Type: "date", Value: "2013"}, // false alarm
		{Start: 52, End: 58, Type: "date", Value: "2013-03-22T15:00"},
	}
	var s Scorer
	s.Add(gold, sys)
	if s.Gold != 4 || s.System != 4 || s.Strict != 1 || s.Relaxed != 3 || s.Value != 2 || s.Type != 2 {
		t.Fatalf("counts %+v", s)
	}
	p, r, f := s.PRF(s.Relaxed)
	if !near(p, 0.75) || !near(r, 0.75) || !near(f, 0.75) {
		t.Errorf("relaxed P/R/F %v %v %v", p, r, f)
	}
	if _, _, f := s.PRF(s.Value); !near(f, 0.5) {
		t.Errorf("value F1 %v, want 0.5", f)
	}
	if a := s.TypeAccuracy(); !near(a, 2.0/3) {
		t.Errorf("type accuracy %v", a)
	}
}

func TestScorerOneToOne(t *testing.T) {
	// One long system span over two gold spans matches only one of them.
	gold := []Timex{{Start: 0, End: 5, Value: "a"}, {Start: 6, End: 10, Value: "b"}}
	sys := []Span{{Start: 0, End: 10, Value: "b"}}
	var s Scorer
	s.Add(gold, sys)
	if s.Relaxed != 1 || s.Strict != 0 || s.Value != 0 {
		t.Errorf("counts %+v", s)
	}
	// An exact span wins over an earlier overlap.
	gold = []Timex{{Start: 5, End: 10, Value: "x"}}
	sys = []Span{{Start: 0, End: 6, Value: "y"}, {Start: 5, End: 10, Value: "x"}}
	s = Scorer{}
	s.Add(gold, sys)
	if s.Strict != 1 || s.Value != 1 {
		t.Errorf("exact span not preferred: %+v", s)
	}
	var empty Scorer
	if p, r, f := empty.PRF(0); p != 0 || r != 0 || f != 0 || empty.TypeAccuracy() != 0 {
		t.Error("an empty scorer gave non-zero figures")
	}
}

func TestParse(t *testing.T) {
	doc := `<?xml version="1.0" ?>
<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>The ferry &amp; the barge sailed <TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3> and will sail <EVENT eid="e1">again</EVENT> for <TIMEX3 type="DURATION" tid="t2" value="P2D">two days</TIMEX3>.<TIMEX3 tid="t3" type="DATE" value="X"/></TEXT>
</TimeML>`
	d, err := Parse("case.tml", []byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if d.DCT.Format("2006-01-02") != "2013-03-22" {
		t.Errorf("DCT %v", d.DCT)
	}
	if want := "The ferry & the barge sailed Thursday and will sail again for two days."; d.Text != want {
		t.Errorf("text %q", d.Text)
	}
	if len(d.Timexs) != 2 {
		t.Fatalf("timexes %+v", d.Timexs)
	}
	for i, w := range []struct{ text, typ, value string }{{"Thursday", "DATE", "2013-03-21"}, {"two days", "DURATION", "P2D"}} {
		g := d.Timexs[i]
		if d.Text[g.Start:g.End] != w.text || g.Type != w.typ || g.Value != w.value {
			t.Errorf("timex %d = %q %s %s", i, d.Text[g.Start:g.End], g.Type, g.Value)
		}
	}
}

func TestParseErrors(t *testing.T) {
	cases := map[string]string{
		"no text":     "<TimeML><DCT></DCT></TimeML>",
		"unclosed":    "<TEXT>in <TIMEX3 type=\"DATE\">May</TEXT>",
		"stray close": "<TEXT>in May</TIMEX3></TEXT>",
		"nested":      "<TEXT><TIMEX3 value=\"1\"><TIMEX3 value=\"2\">x</TIMEX3></TIMEX3></TEXT>",
		"broken tag":  "<TEXT>in <TIMEX3 type=\"DATE\"</TEXT>",
		"binary":      "<TEXT>\xff\xfe</TEXT>",
	}
	for name, in := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Parse("bad.tml", []byte(in))
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), "bad.tml") {
				t.Errorf("error %q does not name the input", err)
			}
		})
	}
	if _, err := Parse("huge.tml", make([]byte, MaxFileBytes+1)); err == nil {
		t.Error("an oversized file was accepted")
	}
}

// FuzzParse checks that any bytes give a document or an error, and that
// every gold span lies inside the text.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`<DCT><TIMEX3 value="2013-03-22"/></DCT><TEXT>on <TIMEX3 type="DATE" value="2013-03-21">Thursday</TIMEX3> &#233;&bogus;</TEXT>`))
	f.Add([]byte("<TEXT><TIMEX3></TIMEX3>&amp</TEXT>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := Parse("fuzz.tml", b)
		if err != nil {
			return
		}
		for _, g := range d.Timexs {
			if g.Start < 0 || g.End > len(d.Text) || g.Start > g.End {
				t.Fatalf("timex %+v outside text of %d bytes", g, len(d.Text))
			}
		}
	})
}
