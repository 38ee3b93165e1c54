package clusters

import (
	"context"
	"fmt"
	"sort"

	"storyline/internal/extract"
	"storyline/internal/news"
	"storyline/internal/pipeline"
)

// Article builds the article the pipeline sees for d: its text only. The ID
// comes from the text's hash, so neither it nor the order derived from it
// tells the clusterer the sub-topic; no title or publication time is set,
// since the documents carry none apart from what their text says.
func Article(d Doc) *news.Article {
	text := d.Text()
	h := news.ContentHash(text)
	return &news.Article{ID: news.ArticleID("", h), Source: d.Name, Text: text, Hash: h, Format: "text", Language: "en"}
}

// Analysed is one document after the per-article pipeline, with its gold
// labels kept beside it for scoring.
type Analysed struct {
	Doc      *news.Doc
	Name     string
	Topic    int
	Subtopic string
}

// Analyse runs the per-article pipeline (extract.Plan) over docs on all
// cores and returns them ordered by article ID: an order that is fixed for
// the data and tells nothing of the labels.
func Analyse(ctx context.Context, docs []Doc, progress func(done, total int)) ([]Analysed, error) {
	plan, err := extract.Plan()
	if err != nil {
		return nil, fmt.Errorf("ecb+: plan: %w", err)
	}
	in := make([]*news.Doc, len(docs))
	for i, d := range docs {
		in[i] = &news.Doc{Article: Article(d)}
	}
	done := 0
	runner := &pipeline.Runner{Plan: plan}
	res := runner.Run(ctx, in, func(pipeline.Result) {
		done++
		if progress != nil {
			progress(done, len(docs))
		}
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]Analysed, len(docs))
	for i, r := range res {
		if r.Err != nil {
			return nil, fmt.Errorf("ecb+ %s: %w", docs[i].Name, r.Err)
		}
		out[i] = Analysed{Doc: r.Doc, Name: docs[i].Name, Topic: docs[i].Topic, Subtopic: docs[i].Subtopic}
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i].Doc.Article.ID, out[j].Doc.Article.ID
		if a != b {
			return a < b
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}
