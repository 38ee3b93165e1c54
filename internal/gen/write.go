package gen

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"storyline/internal/news"
)

// Formats that Write knows.
const (
	FormatText  = "text"  // text/NNNN/NNNNNNNN.txt with a manifest.json per folder
	FormatHTML  = "html"  // html/NNNN/NNNNNNNN.html
	FormatRSS   = "rss"   // rss/SITE-NNNN.rss, one feed per outlet per feedItems articles
	FormatJSONL = "jsonl" // jsonl/NNNN.jsonl
)

// AllFormats lists every format.
var AllFormats = []string{FormatText, FormatHTML, FormatRSS, FormatJSONL}

// Chunk sizes keep folders and files of a large corpus small enough for
// file systems and for storyline's per-input size limit.
const (
	folderFiles = 1000
	feedItems   = 50
	jsonlLines  = 10000
)

// Write writes the generator's corpus under dir in the given formats, each
// format holding every article, and truth.jsonl with each article's ground
// truth (one JSON object a line: index, id, url, event, kind, wire,
// rewrite_of, outlet, deaths). dir must not exist yet or be empty.
func Write(ctx context.Context, g *Generator, dir string, formats []string) error {
	for _, f := range formats {
		if !slices.Contains(AllFormats, f) {
			return fmt.Errorf("write corpus: %w: unknown format %q (want %s)", news.ErrInvalid, f, strings.Join(AllFormats, ", "))
		}
	}
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("write corpus to %s: %w: the folder is not empty", dir, news.ErrConflict)
	}
	cw := &corpusWriter{dir: dir, formats: formats, feeds: map[*outlet][]*Item{}, feedCount: map[*outlet]int{}}
	truth, err := cw.create("truth.jsonl")
	if err != nil {
		return err
	}
	cw.truth = truth
	for it := range g.All() {
		if err := ctx.Err(); err != nil {
			cw.closeAll()
			return err
		}
		if err := cw.add(it); err != nil {
			cw.closeAll()
			return err
		}
	}
	return cw.finish()
}

type corpusWriter struct {
	dir       string
	formats   []string
	truth     *bufFile
	manifest  []manifestEntry
	manFolder string
	jsonl     *bufFile
	feeds     map[*outlet][]*Item
	feedCount map[*outlet]int
}

type bufFile struct {
	f *os.File
	*bufio.Writer
}

func (cw *corpusWriter) create(rel string) (*bufFile, error) {
	p := filepath.Join(cw.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, fmt.Errorf("write corpus: %w", err)
	}
	f, err := os.Create(p)
	if err != nil {
		return nil, fmt.Errorf("write corpus: %w", err)
	}
	return &bufFile{f, bufio.NewWriterSize(f, 64<<10)}, nil
}

func (b *bufFile) close() error {
	if err := b.Flush(); err != nil {
		b.f.Close()
		return fmt.Errorf("write %s: %w", b.f.Name(), err)
	}
	if err := b.f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", b.f.Name(), err)
	}
	return nil
}

func (cw *corpusWriter) writeFile(rel string, data []byte) error {
	p := filepath.Join(cw.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	return nil
}

// manifestEntry is one object of a manifest.json, as internal/ingest reads it.
type manifestEntry struct {
	Path      string `json:"path"`
	URL       string `json:"url"`
	Site      string `json:"site"`
	Outlet    string `json:"outlet"`
	Byline    string `json:"byline"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Language  string `json:"language"`
}

// truthLine is one line of truth.jsonl.
type truthLine struct {
	Index     int    `json:"index"`
	ID        string `json:"id"`
	URL       string `json:"url"`
	Event     string `json:"event"`
	Kind      string `json:"kind"`
	Wire      bool   `json:"wire"`
	RewriteOf string `json:"rewrite_of"`
	Outlet    string `json:"outlet"`
	Deaths    int    `json:"deaths"`
}

func (cw *corpusWriter) add(it *Item) error {
	a := &it.Article
	folder := fmt.Sprintf("%04d", it.Index/folderFiles)
	name := fmt.Sprintf("%08d", it.Index)
	if err := writeJSONLine(cw.truth, truthLine{it.Index, a.ID, a.URL, it.Event, it.Kind, it.Wire, it.RewriteOf, a.Outlet, it.Deaths}); err != nil {
		return err
	}
	for _, f := range cw.formats {
		var err error
		switch f {
		case FormatText:
			if folder != cw.manFolder {
				if err := cw.flushManifest(); err != nil {
					return err
				}
				cw.manFolder = folder
			}
			cw.manifest = append(cw.manifest, manifestEntry{name + ".txt", a.URL, a.Site, a.Outlet, a.Byline, a.Title,
				a.Published.Format(time.RFC3339), a.Language})
			err = cw.writeFile("text/"+folder+"/"+name+".txt", []byte(it.Copied()))
		case FormatHTML:
			err = cw.writeFile("html/"+folder+"/"+name+".html", it.HTML())
		case FormatRSS:
			cw.feeds[it.outlet] = append(cw.feeds[it.outlet], it)
			if len(cw.feeds[it.outlet]) == feedItems {
				err = cw.flushFeed(it.outlet)
			}
		case FormatJSONL:
			if it.Index%jsonlLines == 0 {
				if cw.jsonl != nil {
					if err := cw.jsonl.close(); err != nil {
						return err
					}
				}
				cw.jsonl, err = cw.create(fmt.Sprintf("jsonl/%04d.jsonl", it.Index/jsonlLines))
				if err != nil {
					return err
				}
			}
			err = writeJSONLine(cw.jsonl, map[string]any{"text": it.Copied(), "url": a.URL, "site": a.Site, "outlet": a.Outlet,
				"byline": a.Byline, "title": a.Title, "published": a.Published.Format(time.RFC3339), "language": a.Language})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func writeJSONLine(w *bufFile, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	b = append(b, '\n')
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	return nil
}

func (cw *corpusWriter) flushManifest() error {
	if len(cw.manifest) == 0 {
		return nil
	}
	b, err := json.MarshalIndent(cw.manifest, "", " ")
	if err != nil {
		return fmt.Errorf("write corpus: %w", err)
	}
	cw.manifest = cw.manifest[:0]
	return cw.writeFile("text/"+cw.manFolder+"/manifest.json", append(b, '\n'))
}

// flushFeed writes an outlet's pending items as one RSS 2.0 feed with the
// full text in content:encoded.
func (cw *corpusWriter) flushFeed(o *outlet) error {
	items := cw.feeds[o]
	if len(items) == 0 {
		return nil
	}
	esc := html.EscapeString
	var b strings.Builder
	b.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n")
	fmt.Fprintf(&b, "<title>%s</title>\n<link>https://%s/</link>\n<description>Latest news from %s</description>\n<language>en</language>\n", esc(o.name), o.site, esc(o.name))
	for _, it := range items {
		a := &it.Article
		fmt.Fprintf(&b, "<item>\n<title>%s</title>\n<link>%s</link>\n<guid isPermaLink=\"true\">%s</guid>\n<pubDate>%s</pubDate>\n<dc:creator>%s</dc:creator>\n<description>%s</description>\n<content:encoded><![CDATA[",
			esc(a.Title), esc(a.URL), esc(a.URL), a.Published.Format(time.RFC1123Z), esc(a.Byline), esc(it.paras[0]))
		for _, p := range it.paras {
			// Generated text never holds "]]>", which would end the CDATA.
			fmt.Fprintf(&b, "<p>%s</p>", esc(p))
		}
		b.WriteString("]]></content:encoded>\n</item>\n")
	}
	b.WriteString("</channel>\n</rss>\n")
	cw.feeds[o] = items[:0]
	n := cw.feedCount[o]
	cw.feedCount[o] = n + 1
	return cw.writeFile(fmt.Sprintf("rss/%s-%04d.rss", strings.TrimSuffix(o.site, ".example"), n), []byte(b.String()))
}

func (cw *corpusWriter) finish() error {
	err := cw.flushManifest()
	outs := make([]*outlet, 0, len(cw.feeds))
	for o := range cw.feeds {
		outs = append(outs, o)
	}
	slices.SortFunc(outs, func(a, b *outlet) int { return strings.Compare(a.site, b.site) })
	for _, o := range outs {
		if e := cw.flushFeed(o); e != nil && err == nil {
			err = e
		}
	}
	if cw.jsonl != nil {
		if e := cw.jsonl.close(); e != nil && err == nil {
			err = e
		}
	}
	if e := cw.truth.close(); e != nil && err == nil {
		err = e
	}
	return err
}

func (cw *corpusWriter) closeAll() {
	if cw.jsonl != nil {
		cw.jsonl.f.Close()
	}
	cw.truth.f.Close()
}
