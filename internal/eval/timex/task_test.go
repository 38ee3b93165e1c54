package timex

import (
	"context"
	"testing"

	"storyline/internal/eval"
	"storyline/internal/shareddata"
)

// TestPlatinumMusts scores the finder on the TempEval-3 Platinum test set
// and holds it to the task's floors.
func TestPlatinumMusts(t *testing.T) {
	data := shareddata.Require(t, "eval", "tempeval3")
	task, ok := eval.Lookup("timex")
	if !ok {
		t.Fatal("task timex is not registered")
	}
	r, err := task.Run(context.Background(), eval.Options{Data: data})
	if err != nil {
		t.Fatal(err)
	}
	vf := r.Extra["value_f1"].(float64)
	t.Logf("platinum: gold %d, relaxed P %.3f R %.3f F1 %.3f, strict F1 %.3f, value F1 %.3f, type accuracy %.3f",
		r.N, r.Precision, r.Recall, r.F1, r.Extra["strict_f1"], vf, r.Extra["type_accuracy"])
	if r.N < 100 {
		t.Errorf("only %d gold timexes read; the platinum set has over 100 outside the DCTs", r.N)
	}
	if r.F1 < MustRelaxed {
		t.Errorf("relaxed F1 %.3f is below the must %.2f", r.F1, MustRelaxed)
	}
	if vf < MustValue {
		t.Errorf("value F1 %.3f is below the must %.2f", vf, MustValue)
	}
}

func TestUnknownSplit(t *testing.T) {
	if _, err := Load(t.TempDir(), "nonsense"); err == nil {
		t.Fatal("Load accepted an unknown split")
	}
	if _, err := Load(t.TempDir(), "test"); err == nil {
		t.Fatal("Load accepted a folder with no .tml files")
	}
}

// TestTrainingFloor scores the training split the rules were tuned on, so
// that a change which loses ground there is caught before it reaches test.
func TestTrainingFloor(t *testing.T) {
	data := shareddata.Require(t, "eval", "tempeval3")
	docs, err := Load(data, "train")
	if err != nil {
		t.Fatal(err)
	}
	s := Score(docs, nil)
	r := result(s, len(docs), "train")
	vf := r.Extra["value_f1"].(float64)
	t.Logf("train (%d docs): gold %d, relaxed P %.3f R %.3f F1 %.3f, strict F1 %.3f, value F1 %.3f, type accuracy %.3f",
		len(docs), s.Gold, r.Precision, r.Recall, r.F1, r.Extra["strict_f1"], vf, r.Extra["type_accuracy"])
	if r.F1 < 0.91 || vf < 0.75 {
		t.Errorf("training relaxed F1 %.3f / value F1 %.3f fell below 0.91 / 0.75", r.F1, vf)
	}
}
