package align

import (
	"strings"
	"testing"

	"storyline/internal/news"
)

// doc makes an article whose entities are the given names, each written as
// itself in the text.
func doc(id string, kind news.EntityKind, names ...string) *news.Doc {
	var b strings.Builder
	var ms []news.Mention
	for _, n := range names {
		start := b.Len()
		b.WriteString(n)
		ms = append(ms, news.Mention{Span: news.Span{Start: start, End: b.Len()}, Kind: kind, Name: n})
		b.WriteString(". ")
	}
	return &news.Doc{Article: &news.Article{ID: id, Text: b.String()}, Entities: ms}
}

func identityOf(ids []news.Identity, alias string) *news.Identity {
	for i := range ids {
		for _, a := range ids[i].Aliases {
			if a == alias {
				return &ids[i]
			}
		}
	}
	return nil
}

func TestNamesJoin(t *testing.T) {
	tests := []struct {
		kind news.EntityKind
		a, b string
		join bool
	}{
		{news.Person, "Volodymyr Zelenskiy", "Volodymyr Zelensky", true},
		{news.Person, "Volodymyr Zelenskyy", "Volodymyr Zelensky", true},
		{news.Person, "Rustem Umerov", "Rustam Umerov", true},
		{news.Person, "Yury Ushakov", "Yuri Ushakov", true},
		{news.Person, "Sergei Lavrov", "Sergey Lavrov", true},
		{news.Person, "J.D. Vance", "JD Vance", true},
		{news.Place, "Kyiv", "Kiev", true},
		{news.Place, "Odesa", "Odessa", true},
		{news.Place, "Kharkiv", "Kharkov", true},
		{news.Organization, "NATO", "Nato", true},
		{news.Place, "UAE", "United Arab Emirates", true},
		{news.Organization, "EU", "European Union", true},
		{news.Place, "Britain", "United Kingdom", true},
		{news.Person, "Kirill Budanov", "Kirill Dmitriev", false},
		{news.Person, "Ivan Petrov", "Ivana Petrova", false},
		{news.Person, "Anna Ivanova", "Anna Ivanov", false},
		{news.Place, "Iran", "Iraq", false},
		{news.Place, "Austria", "Australia", false},
		{news.Person, "Dan Driscoll", "Don Driscoll", false},
		{news.Place, "Mali", "Malawi", false},
		{news.Place, "Niger", "Nigeria", false},
		{news.Place, "Georgia", "Georgie", false},
		{news.Person, "Alexander Stubb", "Alexandra Stubb", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+"~"+tt.b, func(t *testing.T) {
			j := NewJoiner()
			j.Add(doc("a1", tt.kind, tt.a))
			j.Add(doc("a2", tt.kind, tt.b))
			ids := j.Identities()
			got := identityOf(ids, tt.a) == identityOf(ids, tt.b)
			if got != tt.join {
				t.Errorf("joined = %v, want %v (identities %+v)", got, tt.join, ids)
			}
		})
	}
}
