package figures

import (
	"context"
	"testing"

	"storyline/internal/eval"
	"storyline/internal/figures"
)

// TestMust asserts the task's threshold on the whole gold set and prints the
// errors of the dev part, the only part one may tune on.
func TestMust(t *testing.T) {
	task, ok := eval.Lookup("figures")
	if !ok {
		t.Fatal("task figures is not registered")
	}
	res, err := task.Run(context.Background(), eval.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("P %.3f R %.3f F1 %.3f n %d extra %v", res.Precision, res.Recall, res.F1, res.N, res.Extra)
	items, err := Gold()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range Evaluate(Split(items, "dev"), figures.Find).Misses {
		t.Log(m)
	}
	if res.F1 < task.Must {
		t.Errorf("F1 %.3f below the task's must %.2f", res.F1, task.Must)
	}
}
