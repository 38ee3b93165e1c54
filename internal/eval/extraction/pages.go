package extraction

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cespare/xxhash/v2"

	"storyline/internal/ingest"
)

// maxPage bounds one decompressed page, as the ingest caller does.
const maxPage = 10 << 20

// Extractor returns the main text of one HTML page.
type Extractor func(raw []byte, pageURL string) (string, error)

// OurExtractor is storyline's own extraction, ingest.ExtractHTML.
func OurExtractor(raw []byte, pageURL string) (string, error) {
	a, err := ingest.ExtractHTML(raw, pageURL)
	if err != nil {
		return "", err
	}
	return a.Text, nil
}

// readGzip reads a gzip file, refusing more than maxPage bytes of content.
func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	var buf bytes.Buffer
	n, err := io.Copy(&buf, io.LimitReader(zr, maxPage+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if n > maxPage {
		return nil, fmt.Errorf("read %s: more than %d bytes once decompressed", path, maxPage)
	}
	return buf.Bytes(), nil
}

// inSplit keeps a page for a split: "dev" and "test" are two fixed halves
// of the pages chosen by a hash of the page's key, so that options can be
// tuned on one half and checked on the other; "" or "all" keeps every page.
func inSplit(split, key string) (bool, error) {
	switch split {
	case "", "all":
		return true, nil
	case "dev":
		return xxhash.Sum64String(key)%2 == 0, nil
	case "test":
		return xxhash.Sum64String(key)%2 == 1, nil
	}
	return false, fmt.Errorf("unknown split %q (want dev, test or all)", split)
}

// pagesIn keeps the pages of all that are in split, each placed by its
// key; a split with no pages is an error naming the set's folder dir.
func pagesIn[T any](split, dir string, all []T, key func(T) string) ([]T, error) {
	var pages []T
	for _, p := range all {
		keep, err := inSplit(split, key(p))
		if err != nil {
			return nil, err
		}
		if keep {
			pages = append(pages, p)
		}
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("no pages in %s", dir)
	}
	return pages, nil
}

// extracted is one page's outcome.
type extracted struct {
	text string
	err  error
}

// extractAll runs ex over n pages on a bounded pool of workers, one per
// core, recovering from a panic on any page so that one bad page never
// stops the run. load returns page i's HTML and URL.
func extractAll(ctx context.Context, n int, load func(i int) ([]byte, string, error), ex Extractor, progress func(done, total int)) ([]extracted, time.Duration) {
	out := make([]extracted, n)
	next := make(chan int)
	var done atomic.Int64
	var busy atomic.Int64 // summed extraction time, loading excluded
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), max(n, 1))
	var progressMu sync.Mutex
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = extractOne(i, load, ex, &busy)
				d := int(done.Add(1))
				if progress != nil {
					progressMu.Lock()
					progress(d, n)
					progressMu.Unlock()
				}
			}
		}()
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return out, time.Duration(busy.Load())
}

func extractOne(i int, load func(int) ([]byte, string, error), ex Extractor, busy *atomic.Int64) (r extracted) {
	raw, pageURL, err := load(i)
	if err != nil {
		return extracted{err: err}
	}
	start := time.Now()
	defer func() {
		busy.Add(int64(time.Since(start)))
		if p := recover(); p != nil {
			r = extracted{err: fmt.Errorf("extraction panicked: %v", p)}
		}
	}()
	text, err := ex(raw, pageURL)
	return extracted{text: text, err: err}
}
