package clusters

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"storyline/internal/news"
)

// MaxLine bounds one JSON line of ecbplus-docs.jsonl.
const MaxLine = 4 << 20

// Doc is one ECB+ document as ecbplus-docs.jsonl gives it. Only the
// sentences reach the clusterer: the name, URL and instance lists would tell
// it the answer (the name and URL carry the sub-topic), so they stay here.
type Doc struct {
	Name      string   `json:"doc"`
	Topic     int      `json:"topic"`
	Subtopic  string   `json:"subtopic"`
	URL       *string  `json:"url"`
	Sentences []string `json:"sentences"`
}

// Text is the document's text, one sentence a line.
func (d Doc) Text() string { return strings.Join(d.Sentences, "\n") }

// ReadDocs reads ecbplus-docs.jsonl, in file order.
func ReadDocs(path string) ([]Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read ecb+ docs: %w", err)
	}
	defer f.Close()
	return ParseDocs(f, path)
}

// ParseDocs reads ECB+ documents, one JSON object a line, from r; name
// labels errors. A line longer than MaxLine is an error, not cut.
func ParseDocs(r io.Reader, name string) ([]Doc, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), MaxLine)
	var out []Doc
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var d Doc
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("read ecb+ docs %s line %d: %w: %w", name, line, news.ErrInvalid, err)
		}
		if d.Name == "" || d.Subtopic == "" {
			return nil, fmt.Errorf("read ecb+ docs %s line %d: no doc name or subtopic: %w", name, line, news.ErrInvalid)
		}
		out = append(out, d)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			err = fmt.Errorf("%w: %w", news.ErrTooLarge, err)
		}
		return nil, fmt.Errorf("read ecb+ docs %s after line %d: %w", name, line, err)
	}
	return out, nil
}

// Split names the ECB+ topics of each part. The test topics are the
// standard 36–45; dev is the fixed subset of Cybulska & Vossen (2015) and
// Barhom et al. (2019); train is the rest of 1–35. Parameters are tuned on
// train and dev only.
var (
	TestTopics = topicSet(36, 37, 38, 39, 40, 41, 42, 43, 44, 45)
	DevTopics  = topicSet(2, 5, 12, 18, 21, 23, 34, 35)
)

func topicSet(ts ...int) map[int]bool {
	m := map[int]bool{}
	for _, t := range ts {
		m[t] = true
	}
	return m
}

// SplitOf names the part a topic belongs to: train, dev or test.
func SplitOf(topic int) string {
	switch {
	case TestTopics[topic]:
		return "test"
	case DevTopics[topic]:
		return "dev"
	default:
		return "train"
	}
}

// Select returns the docs of the named split ("train", "dev", "test", or
// "traindev" for both tuning parts), in file order.
func Select(docs []Doc, split string) ([]Doc, error) {
	var out []Doc
	for _, d := range docs {
		s := SplitOf(d.Topic)
		switch split {
		case s:
		case "traindev":
			if s == "test" {
				continue
			}
		case "train", "dev", "test":
			continue
		default:
			return nil, fmt.Errorf("ecb+: unknown split %q (want train, dev, traindev or test)", split)
		}
		out = append(out, d)
	}
	return out, nil
}
