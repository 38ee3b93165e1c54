package entities

import (
	"bytes"
	_ "embed"
	"sync"
)

// model.bin.gz is trained on CoNLL-2003 eng.train; see MODEL.md.
//
//go:embed model.bin.gz
var modelData []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the embedded model, loaded once.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Load(bytes.NewReader(modelData), "embedded model.bin.gz")
	})
	return defaultModel, defaultErr
}
