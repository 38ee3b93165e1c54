package ingest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// benchCorpus is 500 text files under a manifest and a 500-line JSON lines
// file, each text about 3 KB of invented sentences.
func benchCorpus() (fstest.MapFS, int64) {
	body := strings.Repeat("The committee met again on Thursday and agreed to meet once more next week. ", 40)
	fsys := fstest.MapFS{}
	var manifest, lines strings.Builder
	manifest.WriteString("[")
	for i := range 500 {
		name := fmt.Sprintf("t%03d.txt", i)
		fsys["texts/"+name] = &fstest.MapFile{Data: []byte(body)}
		if i > 0 {
			manifest.WriteString(",")
		}
		fmt.Fprintf(&manifest, `{"path": %q, "outlet": "Bench Times", "published": "2024-01-%02d"}`, name, i%28+1)
		fmt.Fprintf(&lines, `{"text": %q, "url": "https://bench.example/%d"}`+"\n", body, i)
	}
	manifest.WriteString("]")
	fsys["texts/manifest.json"] = &fstest.MapFile{Data: []byte(manifest.String())}
	fsys["lines/all.jsonl"] = &fstest.MapFile{Data: []byte(lines.String())}
	return fsys, int64(2 * 500 * len(body))
}

func BenchmarkReadFS(b *testing.B) {
	fsys, size := benchCorpus()
	b.SetBytes(size)
	for b.Loop() {
		n := 0
		err := ReadFS(context.Background(), fsys, ".", Options{}, func(it Item) error {
			if it.Article == nil {
				return fmt.Errorf("not an article: %+v", it)
			}
			n++
			return nil
		})
		if err != nil || n != 1000 {
			b.Fatalf("%d articles, %v", n, err)
		}
	}
}
