// Command train learns storyline's entity model from CoNLL-2003: it reads
// eng.train, learns word clusters from eng.train's words and the other
// English text sets beside the data folder (text.go), reports F1 on
// eng.testa after each pass, and writes the model. eng.testb is never read
// here; it is for the eval task only.
//
//	go run ./internal/entities/train -data ../shared/eval/conll2003 -out internal/entities/model.bin.gz
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"storyline/internal/entities"
	"storyline/internal/eval/ner"
)

func main() {
	data := flag.String("data", "../shared/eval/conll2003", "folder with eng.train and eng.testa")
	out := flag.String("out", "internal/entities/model.bin.gz", "model file to write")
	epochs := flag.Int("epochs", 12, "training passes")
	seed := flag.Uint64("seed", 1, "shuffle seed")
	minCount := flag.Int("mincount", 2, "drop features seen fewer times")
	members := flag.Int("members", 3, "models trained with successive seeds and averaged")
	dropout := flag.Float64("dropout", 0.4, "share of capitalised words whose identity is hidden in training")
	text := flag.String("text", "", "folder of the unlabelled text sets the word clusters are learnt from (default: the parent of -data; \"none\" for no clusters)")
	classes := flag.String("classes", "64,256,1024", "cluster granularities")
	hideClusters := flag.Bool("hideclusters", true, "hide the clusters of the words dropout hides")
	twoPass := flag.Bool("twopass", true, "tag each document twice, the second pass seeing the first one's types")
	cache := flag.String("clustercache", "", "file to keep the learnt clusters in between runs (for experiments)")
	flag.Parse()
	log.SetFlags(0)

	train, err := load(filepath.Join(*data, "eng.train"))
	if err != nil {
		log.Fatal(err)
	}
	dev, err := ner.ReadFile(filepath.Join(*data, "eng.testa"))
	if err != nil {
		log.Fatal(err)
	}
	start := time.Now()
	var clusters map[string]uint32
	if *text != "none" {
		if *text == "" {
			*text = filepath.Dir(filepath.Clean(*data))
		}
		clusters, err = learnClusters(train, *text, *classes, *cache)
		if err != nil {
			log.Fatal(err)
		}
		log.Printf("%d words clustered (%s)", len(clusters), time.Since(start).Round(time.Second))
	}
	m, err := entities.Train(train, entities.TrainOptions{
		Epochs: *epochs, Seed: *seed, MinCount: *minCount, Dropout: *dropout, Members: *members,
		Clusters: clusters, HideClusters: *hideClusters, TwoPass: *twoPass,

		OnEpoch: func(epoch int, m *entities.Model) {
			s, err := ner.ScoreModel(m, dev)
			if err != nil {
				log.Fatal(err)
			}
			p, r, f := s.All.PRF()
			log.Printf("epoch %d  testa P %.4f R %.4f F1 %.4f  (%s)", epoch, p, r, f, time.Since(start).Round(time.Second))
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	n, err := m.WriteTo(f)
	if err != nil {
		log.Fatal(err)
	}
	if err := f.Close(); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("wrote %s (%d bytes)\n", *out, n)
}

// load reads a CoNLL file into the trainer's form.
func load(path string) ([][]entities.Sentence, error) {
	docs, err := ner.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := make([][]entities.Sentence, len(docs))
	for i, d := range docs {
		for _, s := range d {
			words, tags := ner.Split(s)
			var cs []entities.Chunk
			for _, c := range ner.Chunks(tags) {
				cs = append(cs, entities.Chunk{Start: c.Start, End: c.End, Type: c.Type})
			}
			out[i] = append(out[i], entities.Sentence{Words: words, Chunks: cs})
		}
	}
	return out, nil
}

// learnClusters learns word classes from the words of eng.train and the
// unlabelled text under dir; with a cache file it reuses earlier classes.
func learnClusters(train [][]entities.Sentence, dir, classes, cache string) (map[string]uint32, error) {
	if cache != "" {
		if c, err := readCache(cache); err == nil {
			return c, nil
		}
	}
	var ks []int
	for f := range strings.SplitSeq(classes, ",") {
		k, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("-classes %q: %w", classes, err)
		}
		ks = append(ks, k)
	}
	var sents [][]string
	n := 0
	for _, d := range train {
		for _, s := range d {
			sents = append(sents, s.Words)
			n += len(s.Words)
		}
	}
	more, counts, err := unlabelled(dir)
	if err != nil {
		return nil, err
	}
	log.Printf("cluster text: eng.train %d tokens, %v", n, counts)
	sents = append(sents, more...)
	c := entities.LearnClusters(sents, entities.ClusterOptions{Classes: ks})
	if cache != "" {
		if err := writeCache(cache, c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

func readCache(path string) (map[string]uint32, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	c := map[string]uint32{}
	for l := range strings.SplitSeq(string(b), "\n") {
		w, v, ok := strings.Cut(l, "\t")
		if !ok {
			continue
		}
		x, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("cluster cache %s: %w", path, err)
		}
		c[w] = uint32(x)
	}
	return c, nil
}

func writeCache(path string, c map[string]uint32) error {
	var sb strings.Builder
	for w, v := range c {
		fmt.Fprintf(&sb, "%s\t%d\n", w, v)
	}
	return os.WriteFile(path, []byte(sb.String()), 0o600)
}
