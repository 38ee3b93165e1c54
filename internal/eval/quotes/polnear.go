package quotes

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"storyline/internal/news"
)

// maxArticleBytes bounds one article's text.
const maxArticleBytes = 4 << 20

// Gold is one gold attribution whose content is a direct quote.
type Gold struct {
	Content []news.Span // byte offsets into the article's text
	Source  []news.Span // empty when the annotator marked no source
}

// Article is one PolNeAR article with its gold direct quotes.
type Article struct {
	Name string
	Text string
	// Direct are the attributions whose content begins with a quotation
	// mark; All counts every attribution of the article.
	Direct []Gold
	All    int
}

// quoteMarks are the marks a direct quote's content may begin with. Two
// apostrophes (”) are how some of the publishers' texts write a mark.
const quoteMarks = "\"“”„‟«»‹›‘'`"

// IsDirect reports whether a content beginning with s is a direct quote.
func IsDirect(s string) bool {
	s = strings.TrimLeft(s, " \t\r\n")
	r, _ := utf8.DecodeRuneInString(s)
	return s != "" && strings.ContainsRune(quoteMarks, r)
}

// Load reads one split (train, dev or test) of PolNeAR from dir, the
// repository's root or its data/data folder. An article annotated by more
// than one annotator is scored on the first annotation file in name order.
func Load(dir, split string) ([]Article, error) {
	root := dir
	for _, sub := range []string{"", "data", filepath.Join("data", "data")} {
		if st, err := os.Stat(filepath.Join(dir, sub, split, "attributions")); err == nil && st.IsDir() {
			root = filepath.Join(dir, sub)
			break
		}
	}
	annDir := filepath.Join(root, split, "attributions")
	ents, err := os.ReadDir(annDir)
	if err != nil {
		return nil, fmt.Errorf("polnear split %q: %w", split, err)
	}
	var names []string
	for _, e := range ents {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".ann") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	seen := map[string]bool{}
	var out []Article
	for _, n := range names {
		base := strings.TrimSuffix(n, ".ann")
		if i := strings.LastIndexByte(base, '_'); i > 0 {
			base = base[:i] // the annotator's code
		}
		if seen[base] {
			continue
		}
		seen[base] = true
		a, err := readArticle(filepath.Join(root, split, "text", base+".txt"), filepath.Join(annDir, n))
		if err != nil {
			return nil, err
		}
		a.Name = base
		out = append(out, a)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("polnear split %q: no .ann files in %s: %w", split, annDir, news.ErrNotFound)
	}
	return out, nil
}

func readArticle(textPath, annPath string) (Article, error) {
	st, err := os.Stat(textPath)
	if err != nil {
		return Article{}, fmt.Errorf("polnear text %s: %w", textPath, err)
	}
	if st.Size() > maxArticleBytes {
		return Article{}, fmt.Errorf("polnear text %s: %d bytes: %w", textPath, st.Size(), news.ErrTooLarge)
	}
	b, err := os.ReadFile(textPath)
	if err != nil {
		return Article{}, fmt.Errorf("polnear text %s: %w", textPath, err)
	}
	if !utf8.Valid(b) {
		return Article{}, fmt.Errorf("polnear text %s: not UTF-8: %w", textPath, news.ErrInvalid)
	}
	f, err := os.Open(annPath)
	if err != nil {
		return Article{}, fmt.Errorf("polnear annotations %s: %w", annPath, err)
	}
	defer f.Close()
	ann, err := ReadAnn(f)
	if err != nil {
		return Article{}, fmt.Errorf("polnear annotations %s: %w", annPath, err)
	}
	a, err := Gather(string(b), ann)
	if err != nil {
		return Article{}, fmt.Errorf("polnear annotations %s: %w", annPath, err)
	}
	return a, nil
}

// Gather turns an annotation's attributions into gold direct quotes over
// text, converting brat's character offsets to byte offsets.
func Gather(text string, ann *Ann) (Article, error) {
	byteAt := runeOffsets(text)
	conv := func(id string) ([]news.Span, error) {
		tb, ok := ann.Bounds[id]
		if !ok {
			return nil, nil
		}
		out := make([]news.Span, 0, len(tb.Frags))
		for _, f := range tb.Frags {
			if f.End >= len(byteAt) {
				return nil, fmt.Errorf("%s [%d,%d) past the text's %d characters: %w", id, f.Start, f.End, len(byteAt)-1, news.ErrInvalid)
			}
			if f.End > f.Start {
				out = append(out, news.Span{Start: byteAt[f.Start], End: byteAt[f.End]})
			}
		}
		sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
		return out, nil
	}
	a := Article{Text: text}
	for _, ev := range ann.Events {
		content, err := conv(ev.Args["Content"])
		if err != nil {
			return Article{}, err
		}
		if len(content) == 0 {
			continue
		}
		a.All++
		if !IsDirect(content[0].In(text)) {
			continue
		}
		source, err := conv(ev.Args["Source"])
		if err != nil {
			return Article{}, err
		}
		a.Direct = append(a.Direct, Gold{Content: content, Source: source})
	}
	return a, nil
}

// runeOffsets maps each character offset of text (and the end) to its
// byte offset.
func runeOffsets(text string) []int {
	out := make([]int, 0, len(text)+1)
	for i := range text {
		out = append(out, i)
	}
	return append(out, len(text))
}
