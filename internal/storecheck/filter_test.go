package storecheck

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"storyline/internal/news"
)

func TestFilter(t *testing.T) {
	at := time.Date(2025, 6, 1, 12, 0, 0, 0, time.FixedZone("", 2*3600))
	early := time.Date(-100, 1, 1, 0, 0, 0, 0, time.UTC)
	late := time.Date(20000, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		f    news.ArticleFilter
		want []TimeBound
	}{
		{"no bounds", news.ArticleFilter{Outlet: "x", Limit: 3}, nil},
		{"both", news.ArticleFilter{Since: at, Until: at.Add(time.Hour)},
			[]TimeBound{{Op: ">=", At: at.UTC()}, {Op: "<", At: at.Add(time.Hour).UTC()}}},
		{"since before year 0", news.ArticleFilter{Since: early}, []TimeBound{{Op: ">=", AllDated: true}}},
		{"since after 9999", news.ArticleFilter{Since: late}, []TimeBound{{Op: ">=", None: true}}},
		{"until after 9999", news.ArticleFilter{Until: late}, []TimeBound{{Op: "<", AllDated: true}}},
		{"until before year 0", news.ArticleFilter{Until: early}, []TimeBound{{Op: "<", None: true}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := Filter(c.f)
			if err != nil || !reflect.DeepEqual(got, c.want) {
				t.Errorf("Filter = %+v, %v; want %+v", got, err, c.want)
			}
		})
	}
	for _, f := range []news.ArticleFilter{{Limit: -1}, {Offset: -1}} {
		if _, err := Filter(f); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("Filter(%+v) = %v, want news.ErrInvalid", f, err)
		}
	}
}
