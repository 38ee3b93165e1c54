package webtest

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"
)

// Crawl follows every same-site link from start (GET pages only, up to
// max) and returns the paths reached, sorted. A hostile story's pages
// are every page a reader can reach.
func Crawl(t testing.TB, c *http.Client, base string, max int, start ...string) []string {
	t.Helper()
	seen := map[string]bool{}
	queue := append([]string(nil), start...)
	for len(queue) > 0 && len(seen) < max {
		p := queue[0]
		queue = queue[1:]
		if seen[p] {
			continue
		}
		seen[p] = true
		resp, err := c.Get(base + p)
		if err != nil {
			t.Fatalf("crawl %s: %v", p, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			continue
		}
		doc, err := html.Parse(strings.NewReader(string(body)))
		if err != nil {
			t.Fatalf("crawl %s: %v", p, err)
		}
		walk(doc, func(n *html.Node) {
			if n.Type != html.ElementNode || n.Data != "a" {
				return
			}
			for _, a := range n.Attr {
				if a.Key != "href" {
					continue
				}
				u, err := url.Parse(a.Val)
				if err != nil || u.Host != "" || u.Scheme != "" || !strings.HasPrefix(u.Path, "/") ||
					strings.HasPrefix(u.Path, "/static/") || strings.HasPrefix(u.Path, "/api/") {
					continue
				}
				u.Fragment = ""
				// Zooming a timeline makes new addresses without end;
				// one zoom of each page is enough.
				if u.Query().Has("from") && strings.Contains(p, "from=") {
					continue
				}
				queue = append(queue, u.String())
			}
		})
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

// foreignElements are elements no page of ours has: finding one means
// article markup got through.
var foreignElements = map[string]bool{"img": true, "iframe": true, "object": true, "embed": true, "b": true, "i": true,
	"textarea_x": true, "frame": true, "base": true, "link_x": true, "style": true, "math": true}

// CheckMarkup parses a page and reports what only unescaped article
// markup could have put there: a script other than ours, an event
// handler attribute, a javascript: address, a foreign element.
func CheckMarkup(page string) []string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return []string{"does not parse: " + err.Error()}
	}
	var bad []string
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		if foreignElements[n.Data] {
			bad = append(bad, "element <"+n.Data+">")
		}
		if n.Data == "script" {
			src := ""
			for _, a := range n.Attr {
				if a.Key == "src" {
					src = a.Val
				}
			}
			if src != "/static/app.js" || n.FirstChild != nil {
				bad = append(bad, fmt.Sprintf("script src=%q", src))
			}
		}
		for _, a := range n.Attr {
			v := strings.ToLower(strings.TrimSpace(a.Val))
			switch {
			case strings.HasPrefix(a.Key, "on"):
				bad = append(bad, fmt.Sprintf("<%s %s=%q>", n.Data, a.Key, a.Val))
			case (a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "formaction") && strings.HasPrefix(v, "javascript:"):
				bad = append(bad, fmt.Sprintf("<%s %s=%q>", n.Data, a.Key, a.Val))
			case a.Key == "style":
				bad = append(bad, fmt.Sprintf("<%s style>", n.Data))
			}
		}
	})
	return bad
}

// BrowserCheck loads path in the browser and reports any script that ran
// (window.__xss set, a dialog opened) and any foreign element in the live
// DOM; it returns the page's visible text.
func BrowserCheck(ctx context.Context, pageURL string) (string, []string, error) {
	// A dialog that opened would block the page: the timeout turns that
	// into a failure instead of a hang.
	ctx, stop := context.WithTimeout(ctx, 30*time.Second)
	defer stop()
	dialogs := make(chan string, 8)
	lctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if err := chromedp.Listen(lctx, func(ev any) {
		if d, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			select {
			case dialogs <- d.Message:
			default:
			}
		}
	}); err != nil {
		return "", nil, err
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(pageURL)); err != nil {
		return "", nil, err
	}
	var bad []string
	ran, err := chromedp.Run(ctx, chromedp.Evaluate[string](`String(window.__xss === undefined ? "" : window.__xss)`))
	if err != nil {
		return "", nil, err
	}
	if ran != "" {
		bad = append(bad, "script ran: window.__xss = "+ran)
	}
	found, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(function () {
		var out = [];
		document.querySelectorAll("img, iframe, object, embed, b, i, style, base, math").forEach(function (e) { out.push("element " + e.tagName); });
		document.querySelectorAll("*").forEach(function (e) {
			for (var i = 0; i < e.attributes.length; i++) {
				var a = e.attributes[i];
				if (a.name.indexOf("on") === 0 || /^\s*javascript:/i.test(a.value) && (a.name === "href" || a.name === "src")) out.push(e.tagName + " " + a.name);
			}
		});
		document.querySelectorAll("script").forEach(function (s) { if (s.getAttribute("src") !== "/static/app.js") out.push("script " + s.outerHTML.slice(0, 80)); });
		return out;
	})()`))
	if err != nil {
		return "", nil, err
	}
	bad = append(bad, found...)
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		return "", nil, err
	}
	for {
		select {
		case d := <-dialogs:
			bad = append(bad, "dialog opened: "+d)
		default:
			return text, bad, nil
		}
	}
}
