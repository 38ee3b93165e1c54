package clusters

import (
	"context"
	"fmt"

	"storyline/internal/cluster"
)

// Clustered is each doc's event and story.
type Clustered struct {
	Events, Stories []string
}

// Cluster adds docs, in their order, to a new clusterer with params p and
// returns each doc's event and story.
func Cluster(ctx context.Context, docs []Analysed, p cluster.Params) (Clustered, error) {
	c := cluster.New(p, cluster.NewMemIndex())
	for _, d := range docs {
		if _, err := c.Add(ctx, d.Doc); err != nil {
			return Clustered{}, fmt.Errorf("ecb+ %s: %w", d.Name, err)
		}
	}
	story := map[string]string{}
	for _, e := range c.Events() {
		story[e.ID] = e.Story
	}
	// An event may have been merged after a doc joined it: read the final one.
	out := Clustered{Events: make([]string, len(docs)), Stories: make([]string, len(docs))}
	for i, d := range docs {
		out.Events[i], _ = c.EventOf(d.Doc.Article.ID)
		out.Stories[i] = story[out.Events[i]]
	}
	return out, nil
}

// Topics returns the docs' topics, as labels.
func Topics(docs []Analysed) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = fmt.Sprint(d.Topic)
	}
	return out
}

// Gold returns the docs' gold event labels (the sub-topics).
func Gold(docs []Analysed) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.Subtopic
	}
	return out
}

// inSplit keeps the docs of one split.
func inSplit(docs []Analysed, split string) []Analysed {
	var out []Analysed
	for _, d := range docs {
		s := SplitOf(d.Topic)
		if s == split || split == "traindev" && s != "test" {
			out = append(out, d)
		}
	}
	return out
}
