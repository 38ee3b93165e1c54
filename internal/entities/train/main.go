// Command train learns storyline's entity model from CoNLL-2003: it reads
// eng.train, reports F1 on eng.testa after each pass, and writes the model.
// eng.testb is never read here; it is for the eval task only.
//
//	go run ./internal/entities/train -data ../shared/eval/conll2003 -out internal/entities/model.bin.gz
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
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
	m, err := entities.Train(train, entities.TrainOptions{
		Epochs: *epochs, Seed: *seed, MinCount: *minCount, Dropout: *dropout, Members: *members,
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
