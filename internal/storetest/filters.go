package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"storyline/internal/news"
)

func testFiltersAndOrder(t *testing.T, s news.Store) {
	ctx := context.Background()
	utc := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, time.UTC) }
	east, west := time.FixedZone("UTC+2", 2*3600), time.FixedZone("UTC-5", -5*3600)
	type art struct {
		id, outlet, site string
		published        time.Time
	}
	// IDs are given so the expected order can be written out; the two
	// articles published at the same instant must come in ID order, not in
	// the order they were added.
	arts := []art{
		{"a-tie-b", "North Post", "north.example", utc(2025, 3, 1, 10, 0)},
		{"a-tie-a", "South Times", "south.example", utc(2025, 3, 1, 10, 0)},
		{"a-march2", "North Post", "north.example", time.Date(2025, 3, 2, 8, 0, 0, 0, east)},
		// 23:30 on 28 February in UTC-5 is 04:30 on 1 March in UTC: a store
		// that ordered by local wall time would put it last among the dated.
		{"a-evening", "South Times", "south.example", time.Date(2025, 2, 28, 23, 30, 0, 0, west)},
		{"a-undated-y", "North Post", "north.example", time.Time{}},
		{"a-undated-x", "Hill Gazette", "hill.example", time.Time{}},
		{"a-newyear", "Hill Gazette", "hill.example", time.Date(2024, 12, 31, 23, 59, 59, 999999000, time.UTC)},
	}
	for _, a := range arts {
		url := "https://" + a.site + "/" + a.id
		mustAdd(t, s, &news.Doc{Article: &news.Article{ID: a.id, URL: url, Source: url, Outlet: a.outlet, Site: a.site,
			Published: a.published, Title: "Item " + a.id, Text: "Invented text for the item called " + a.id + "."}})
	}
	all := "a-newyear a-evening a-tie-a a-tie-b a-march2 a-undated-x a-undated-y"
	cases := []struct {
		name string
		f    news.ArticleFilter
		want string
	}{
		{"all", news.ArticleFilter{}, all},
		{"outlet", news.ArticleFilter{Outlet: "North Post"}, "a-tie-b a-march2 a-undated-y"},
		{"site", news.ArticleFilter{Site: "south.example"}, "a-evening a-tie-a"},
		{"no such outlet", news.ArticleFilter{Outlet: "north post"}, ""},
		{"since is inclusive", news.ArticleFilter{Since: utc(2025, 3, 1, 10, 0)}, "a-tie-a a-tie-b a-march2"},
		{"until is exclusive", news.ArticleFilter{Until: utc(2025, 3, 1, 10, 0)}, "a-newyear a-evening"},
		{"since in another zone", news.ArticleFilter{Since: time.Date(2025, 3, 1, 12, 0, 0, 0, east)}, "a-tie-a a-tie-b a-march2"},
		{"window", news.ArticleFilter{Since: utc(2025, 1, 1, 0, 0), Until: utc(2025, 3, 2, 0, 0)}, "a-evening a-tie-a a-tie-b"},
		{"outlet and since", news.ArticleFilter{Outlet: "Hill Gazette", Since: utc(2024, 1, 1, 0, 0)}, "a-newyear"},
		{"limit", news.ArticleFilter{Limit: 2}, "a-newyear a-evening"},
		{"limit and offset", news.ArticleFilter{Limit: 2, Offset: 2}, "a-tie-a a-tie-b"},
		{"offset alone", news.ArticleFilter{Offset: 5}, "a-undated-x a-undated-y"},
		{"offset past the end", news.ArticleFilter{Offset: 50}, ""},
		{"filtered page", news.ArticleFilter{Outlet: "North Post", Limit: 1, Offset: 1}, "a-march2"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := s.Articles(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, a := range got {
				ids = append(ids, a.ID)
			}
			if g := strings.Join(ids, " "); g != c.want {
				t.Errorf("Articles(%+v)\n got %s\nwant %s", c.f, g, c.want)
			}
		})
	}
	t.Run("pages cover the list", func(t *testing.T) {
		var ids []string
		for off := 0; off < 10; off += 3 {
			page, err := s.Articles(ctx, news.ArticleFilter{Limit: 3, Offset: off})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range page {
				ids = append(ids, a.ID)
			}
		}
		if g := strings.Join(ids, " "); g != all {
			t.Errorf("pages of 3:\n got %s\nwant %s", g, all)
		}
	})
	t.Run("full articles", func(t *testing.T) {
		got, err := s.Articles(ctx, news.ArticleFilter{Site: "north.example", Limit: 1})
		if err != nil || len(got) != 1 {
			t.Fatalf("Articles = %v, %v", got, err)
		}
		want, err := s.Article(ctx, got[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := sameArticle(want, got[0]); err != nil {
			t.Errorf("listed article differs from Article(): %v", err)
		}
	})
	for _, f := range []news.ArticleFilter{{Limit: -1}, {Offset: -3}} {
		if _, err := s.Articles(ctx, f); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("Articles(%+v) error = %v, want news.ErrInvalid", f, err)
		}
	}
}
