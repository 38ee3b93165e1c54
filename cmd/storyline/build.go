package main

import (
	"context"

	"storyline/internal/crossref"
	"storyline/internal/news"
	"storyline/internal/report"
)

// buildReport runs the cross-article pass over docs and assembles the report.
func buildReport(ctx context.Context, docs []*news.Doc, failures []report.Failure) (*report.Report, error) {
	res, err := crossref.Batch(ctx, docs)
	if err != nil {
		return nil, err
	}
	return report.Build(reportInput(docs, res, failures)), nil
}

func reportInput(docs []*news.Doc, res *crossref.Result, failures []report.Failure) report.Input {
	return report.Input{Docs: docs, Events: res.Events, Stories: res.Stories, Identities: res.Identities,
		Facts: res.Facts, RewriteOf: res.RewriteOf, DuplicateOf: res.DuplicateOf, Relations: res.Relations,
		Variants: res.Variants, Timeline: res.Timeline, Failures: failures}
}
