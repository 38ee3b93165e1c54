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
	return report.Build(res.Input(docs, failures)), nil
}
