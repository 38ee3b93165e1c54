package web

import (
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"strconv"
	"strings"

	"storyline/internal/report"
)

// pageData is what every page template gets; Data is the page's own.
type pageData struct {
	Title    string
	Nav      string
	CSRF     string
	SignedIn bool
	Writable bool
	// CanDelete: the backend can delete articles (a Deleter).
	CanDelete bool
	Version   string
	Path      string
	Refresh   int // seconds; the page reloads itself while a job runs
	Data      any
}

var funcs = template.FuncMap{
	"when":     showWhen,
	"whenStr":  func(s string) string { return showWhen(&s) },
	"title":    titleOf,
	"outlet":   outletLabel,
	"path":     url.PathEscape,
	"query":    url.QueryEscape,
	"deref":    deref,
	"clip":     clip,
	"webURL":   webURL,
	"add":      func(a, b int) int { return a + b },
	"plural":   plural,
	"figure":   func(f *report.Figure) string { return amountOf(f.Value, f.Min, f.Max, f.From) },
	"pct":      func(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" },
	"kindName": kindName,
	"statusName": func(s string) string {
		if n, ok := statusNames[s]; ok {
			return n
		}
		return s
	},
	"join":  strings.Join,
	"first": func(s []string) string { return firstOr(s, "") },
	"progress": func(done, total int) int {
		if total <= 0 {
			return 0
		}
		return min(100, done*100/total)
	},
}

var statusNames = map[string]string{"agree": "outlets agree", "differ": "outlets differ", "single": "one outlet only",
	"updated": "updated over time"}

func kindName(k string) string {
	switch k {
	case "person":
		return "Person"
	case "place":
		return "Place"
	case "organization":
		return "Organisation"
	}
	return "Other"
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "y") && !strings.HasSuffix(word, "ey") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(word, "y"))
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func firstOr(s []string, or string) string {
	if len(s) == 0 {
		return or
	}
	return s[0]
}

// webURL returns s when it is an http or https address to link to, and ""
// otherwise: an article's URL comes from outside and may be javascript:.
func webURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

// pageNames are the templates under templates/, each rendered inside
// layout.html.
var pageNames = []string{"stories", "story", "articles", "article", "entities", "entity", "search", "add", "job",
	"login", "error"}

func parsePages() (map[string]*template.Template, error) {
	out := map[string]*template.Template{}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(assets, "templates/layout.html", "templates/parts.html",
			"templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse page %s: %w", name, err)
		}
		out[name] = t
	}
	if _, err := fs.Stat(assets, "openapi.json"); err != nil {
		return nil, fmt.Errorf("openapi document: %w", err)
	}
	return out, nil
}

// pager links the pages of a long list.
type pager struct {
	Page, Pages int
	Total       int
	Prev, Next  string
}

func newPager(u *url.URL, page, per, total int) pager {
	p := pager{Page: page, Pages: max(1, (total+per-1)/per), Total: total}
	link := func(n int) string {
		q := u.Query()
		q.Set("page", strconv.Itoa(n))
		return u.Path + "?" + q.Encode()
	}
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if page < p.Pages {
		p.Next = link(page + 1)
	}
	return p
}

// pageWindow returns the bounds of page (from 1) of n items.
func pageWindow(page, per, n int) (int, int) {
	lo := min((page-1)*per, n)
	return lo, min(lo+per, n)
}
