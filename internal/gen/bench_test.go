package gen

import "testing"

// BenchmarkGenerate measures making one article of about 5 KB (text only),
// and its page and text copy, which bounds how fast a store of a million
// articles can be filled.
func BenchmarkGenerate(b *testing.B) {
	b.Run("article", func(b *testing.B) {
		g, err := New(Config{Seed: 1, Articles: b.N, TextBytes: 5000})
		if err != nil {
			b.Fatal(err)
		}
		for it := range g.All() {
			_ = it
		}
	})
	b.Run("html", func(b *testing.B) {
		items := mustArticlesB(b, Config{Seed: 1, Articles: 50, TextBytes: 5000})
		for i := 0; b.Loop(); i++ {
			_ = items[i%len(items)].HTML()
		}
	})
	b.Run("copied", func(b *testing.B) {
		items := mustArticlesB(b, Config{Seed: 1, Articles: 50, TextBytes: 5000})
		for i := 0; b.Loop(); i++ {
			_ = items[i%len(items)].Copied()
		}
	})
}

func mustArticlesB(b *testing.B, cfg Config) []*Item {
	items, err := Articles(cfg)
	if err != nil {
		b.Fatal(err)
	}
	return items
}
