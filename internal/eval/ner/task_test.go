package ner

import (
	"context"
	"encoding/json"
	"path/filepath"
	"testing"

	"storyline/internal/eval"
	"storyline/internal/shareddata"
)

// TestMustOnCoNLL runs the registered task on the real test split and
// checks the score the task promises.
func TestMustOnCoNLL(t *testing.T) {
	dir := shareddata.Require(t, "eval", "conll2003", "eng.testb")
	task, ok := eval.Lookup("ner")
	if !ok {
		t.Fatal("task ner is not registered")
	}
	res, err := task.Run(context.Background(), eval.Options{Data: filepath.Dir(dir)})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(res)
	t.Logf("%s", b)
	if res.N != 5648 {
		t.Errorf("gold entities = %d, want the standard 5648", res.N)
	}
	if res.F1 < task.Must {
		t.Errorf("F1 %.4f below the task's Must %.2f", res.F1, task.Must)
	}
}

func TestTaskErrors(t *testing.T) {
	task, _ := eval.Lookup("ner")
	if _, err := task.Run(context.Background(), eval.Options{Data: t.TempDir()}); err == nil {
		t.Error("a folder without eng.testb was accepted")
	}
	if _, err := task.Run(context.Background(), eval.Options{Data: t.TempDir(), Split: "nonsense"}); err == nil {
		t.Error("an unknown split was accepted")
	}
	if task.DefaultData != "conll2003" || task.Must != 0.83 || task.Goal != 0.89 || !task.Fast {
		t.Errorf("task = %+v", task)
	}
}
