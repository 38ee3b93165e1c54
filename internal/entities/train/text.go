package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"storyline/internal/entities"
)

// The unlabelled English text the word clusters are learnt from, beside the
// words of eng.train: the other English news sets under ../shared/eval. They
// are read here at training time only; the model keeps the learnt classes,
// never the text. eng.testa and eng.testb are not among them.
var textSources = []struct {
	name string
	read func(dir string) ([]string, error)
}{
	{"polnear", readPolnear},
	{"ecbplus", readECB},
	{"article-extraction-benchmark", readAEB},
	{"tempeval3", readTimeML},
	{"semeval2015-task4-timeline", readSemEval},
}

// maxTextFile bounds one file read as unlabelled text.
const maxTextFile = 64 << 20

// unlabelled returns the sentences of every source found under dir, in a
// fixed order, each tokenised as the tagger tokenises articles.
func unlabelled(dir string) ([][]string, map[string]int, error) {
	var sents [][]string
	counts := map[string]int{}
	for _, src := range textSources {
		paras, err := src.read(filepath.Join(dir, src.name))
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			return nil, nil, fmt.Errorf("unlabelled text %s: %w", src.name, err)
		}
		for _, p := range paras {
			toks := entities.Tokenize(p, 0, len(p))
			if len(toks) == 0 {
				continue
			}
			words := make([]string, len(toks))
			for i, t := range toks {
				words[i] = t.Text
			}
			sents = append(sents, words)
			counts[src.name] += len(words)
		}
	}
	return sents, counts, nil
}

// files lists the files under dir whose names end in ext, sorted.
func files(dir, ext string) ([]string, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, err
	}
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ext) {
			out = append(out, p)
		}
		return nil
	})
	slices.Sort(out)
	return out, err
}

func readSmall(p string) (string, error) {
	st, err := os.Stat(p)
	if err != nil {
		return "", err
	}
	if st.Size() > maxTextFile {
		return "", fmt.Errorf("read %s: %d bytes over %d", p, st.Size(), maxTextFile)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", p, err)
	}
	return string(b), nil
}

// lines splits a text into its non-blank lines (paragraphs).
func lines(s string) []string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// readPolnear reads PolNeAR's article texts (data/data/*/text/*.txt).
func readPolnear(dir string) ([]string, error) {
	fs, err := files(filepath.Join(dir, "data", "data"), ".txt")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range fs {
		if filepath.Base(filepath.Dir(p)) != "text" {
			continue
		}
		s, err := readSmall(p)
		if err != nil {
			return nil, err
		}
		out = append(out, lines(s)...)
	}
	return out, nil
}

// readECB reads the sentences of ECB+'s documents (ecbplus-docs.jsonl).
func readECB(dir string) ([]string, error) {
	f, err := os.Open(filepath.Join(dir, "ecbplus-docs.jsonl"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	var out []string
	for sc.Scan() {
		var d struct {
			Sentences []string `json:"sentences"`
		}
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			return nil, fmt.Errorf("ecbplus-docs.jsonl: %w", err)
		}
		out = append(out, d.Sentences...)
	}
	return out, sc.Err()
}

// readAEB reads the article bodies of the extraction benchmark's ground
// truth, in the order of their ids.
func readAEB(dir string) ([]string, error) {
	s, err := readSmall(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, err
	}
	var gt map[string]struct {
		Body string `json:"articleBody"`
	}
	if err := json.Unmarshal([]byte(s), &gt); err != nil {
		return nil, fmt.Errorf("ground-truth.json: %w", err)
	}
	ids := make([]string, 0, len(gt))
	for id := range gt {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var out []string
	for _, id := range ids {
		out = append(out, lines(gt[id].Body)...)
	}
	return out, nil
}

var (
	xmlTag  = regexp.MustCompile(`<[^>]*>`)
	timeTxt = regexp.MustCompile(`(?s)<TEXT>(.*?)</TEXT>`)
	semTok  = regexp.MustCompile(`<token [^>]*sentence="(\d+)"[^>]*>([^<]*)</token>`)
)

// unescape undoes the XML escapes the files use.
var unescape = strings.NewReplacer("&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'", "&amp;", "&")

// readTimeML reads the TEXT of TempEval-3's TimeML files, tags removed
// (the Training and Evaluation folders; the platinum set once).
func readTimeML(dir string) ([]string, error) {
	fs, err := files(dir, ".tml")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range fs {
		if strings.Contains(p, "te3-platinum"+string(filepath.Separator)) {
			continue // the same texts as te3-platinum-normalized
		}
		s, err := readSmall(p)
		if err != nil {
			return nil, err
		}
		for _, m := range timeTxt.FindAllStringSubmatch(s, -1) {
			out = append(out, lines(unescape.Replace(xmlTag.ReplaceAllString(m[1], "")))...)
		}
	}
	return out, nil
}

// readSemEval reads the tokens of the SemEval-2015 timeline articles,
// one sentence a line.
func readSemEval(dir string) ([]string, error) {
	fs, err := files(dir, ".xml")
	if err != nil {
		return nil, err
	}
	var out []string
	seen := map[string]bool{}
	for _, p := range fs {
		if seen[filepath.Base(p)] {
			continue // track A and track B hold the same articles
		}
		seen[filepath.Base(p)] = true
		s, err := readSmall(p)
		if err != nil {
			return nil, err
		}
		var cur []string
		last := ""
		for _, m := range semTok.FindAllStringSubmatch(s, -1) {
			if m[1] != last && len(cur) > 0 {
				out = append(out, strings.Join(cur, " "))
				cur = nil
			}
			last = m[1]
			cur = append(cur, unescape.Replace(m[2]))
		}
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, " "))
		}
	}
	return out, nil
}
