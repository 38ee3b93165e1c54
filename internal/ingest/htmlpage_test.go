package ingest

import (
	"bytes"
	"testing"
)

const testPage = `<!DOCTYPE html><html lang="en"><head><title>Flood barrier tested | Estuary Echo</title>
<meta property="og:site_name" content="Estuary Echo"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Flood barrier tested</h1>
<p>Engineers raised the new flood barrier for the first time on Saturday, closing the estuary to boats for six hours.</p>
<p>The test went as planned, the council said, and the barrier will be raised again before the spring tides.</p>
</article><footer>All rights reserved.</footer></body></html>`

func TestHTMLPages(t *testing.T) {
	byName, _ := readTree(t, map[string]string{
		"plain.html":          testPage,
		"short.htm":           testPage,
		"packed.html.gz":      gzipped(testPage),
		"meta/manifest.json":  `[{"path": "page.html", "url": "https://estuary-echo.example/barrier", "title": "Barrier test", "outlet": "The Echo", "published": "2024-02-03"}]`,
		"meta/page.html":      testPage,
		"side/page.html":      testPage,
		"side/page.meta.json": `{"site": "echo.example", "language": "cy"}`,
	})
	for _, name := range []string{"plain.html", "short.htm", "packed.html.gz", "meta/page.html", "side/page.html"} {
		t.Run(name, func(t *testing.T) {
			it := one(t, byName, name)
			a := it.Article
			if a == nil {
				t.Fatalf("got %+v", it)
			}
			if a.Format != "html" || it.Clean {
				t.Errorf("format %q clean %v, want html, not for cleaning", a.Format, it.Clean)
			}
			if !bytes.Contains([]byte(a.Text), []byte("raised the new flood barrier")) || bytes.Contains([]byte(a.Text), []byte("All rights reserved")) {
				t.Errorf("text %q, want the article without the footer", a.Text)
			}
		})
	}
	t.Run("manifest overrides the page", func(t *testing.T) {
		a := one(t, byName, "meta/page.html").Article
		if a == nil || a.URL != "https://estuary-echo.example/barrier" || a.Source != a.URL || a.Site != "estuary-echo.example" ||
			a.Title != "Barrier test" || a.Outlet != "The Echo" || a.Published.Format("2006-01-02") != "2024-02-03" {
			t.Errorf("got %+v", a)
		}
	})
	t.Run("sidecar overrides the page", func(t *testing.T) {
		a := one(t, byName, "side/page.html").Article
		if a == nil || a.Site != "echo.example" || a.Language != "cy" || a.URL != "" {
			t.Errorf("got %+v", a)
		}
	})
}
