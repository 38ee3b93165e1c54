package entities

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"sort"
	"unicode/utf8"
)

// magic opens a model file; version 2 adds flags after the scale and the
// word clusters' table after the gazetteer; version 1 files still load.
const (
	magic   = "storyline-ner-2\n"
	magicV1 = "storyline-ner-1\n"
)

// flagTwoPass, in a version 2 file's flags, says the model tags twice.
const flagTwoPass = 1

// Limits on a model file, so a corrupt one fails cleanly.
const (
	maxRows = 4 << 20
	maxTags = 64
)

// WriteTo writes the model in its compact, gzip-compressed form.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	buf.WriteString(magic)
	putU := func(v uint64) { buf.Write(binary.AppendUvarint(nil, v)) }
	putU(uint64(len(m.tags)))
	for _, t := range m.tags {
		putU(uint64(len(t)))
		buf.WriteString(t)
	}
	binary.Write(&buf, binary.LittleEndian, math.Float32bits(m.scale))
	var flags uint64
	if m.twoPass {
		flags |= flagTwoPass
	}
	putU(flags)
	writeTable := func(t *table, withWeights bool) {
		type kv struct {
			k uint32
			v int32
		}
		var kvs []kv
		ks, vs := t.entries()
		for i, k := range ks {
			kvs = append(kvs, kv{k, vs[i]})
		}
		sort.Slice(kvs, func(i, j int) bool { return kvs[i].k < kvs[j].k })
		putU(uint64(len(kvs)))
		last := uint32(0)
		for _, e := range kvs {
			putU(uint64(e.k - last))
			last = e.k
		}
		n := len(m.tags)
		if withWeights {
			// Tag-major order keeps each tag's small weights together,
			// which compresses better.
			for t := 0; t < n; t++ {
				for _, e := range kvs {
					buf.WriteByte(byte(m.weights[int(e.v)*n+t]))
				}
			}
			return
		}
		for _, e := range kvs {
			putU(uint64(e.v))
		}
	}
	writeTable(&m.feats, true)
	writeTable(&m.lex, false)
	writeTable(&m.gaz, false)
	writeTable(&m.clus, false)
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return cw.n, err
	}
	if _, err := zw.Write(buf.Bytes()); err != nil {
		return cw.n, fmt.Errorf("write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return cw.n, fmt.Errorf("write model: %w", err)
	}
	return cw.n, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Load reads a model written by WriteTo; name is used in errors.
func Load(r io.Reader, name string) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", name, err)
	}
	data, err := io.ReadAll(io.LimitReader(zr, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", name, err)
	}
	m, err := decode(bufio.NewReader(bytes.NewReader(data)), len(data))
	if err != nil {
		return nil, fmt.Errorf("load model %s: %w", name, err)
	}
	return m, nil
}

// decode reads a model of size bytes; every count is checked against the
// size before anything is allocated for it.
func decode(r *bufio.Reader, size int) (*Model, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != magic && string(head) != magicV1 {
		return nil, fmt.Errorf("not a storyline NER model: %w", errBadModel)
	}
	getU := func(limit uint64) (uint64, error) {
		v, err := binary.ReadUvarint(r)
		if err != nil {
			return 0, fmt.Errorf("truncated: %w", errBadModel)
		}
		if v > limit {
			return 0, fmt.Errorf("value %d over %d: %w", v, limit, errBadModel)
		}
		return v, nil
	}
	nt, err := getU(maxTags)
	if err != nil {
		return nil, err
	}
	tags := make([]string, nt)
	for i := range tags {
		l, err := getU(32)
		if err != nil {
			return nil, err
		}
		b := make([]byte, l)
		if _, err := io.ReadFull(r, b); err != nil || !utf8.Valid(b) {
			return nil, fmt.Errorf("tag %d: %w", i, errBadModel)
		}
		tags[i] = string(b)
	}
	if nt == 0 || tags[0] != "O" {
		return nil, fmt.Errorf("first tag must be O: %w", errBadModel)
	}
	m := &Model{}
	if err := m.setTags(tags); err != nil {
		return nil, err
	}
	var bits uint32
	if err := binary.Read(r, binary.LittleEndian, &bits); err != nil {
		return nil, fmt.Errorf("scale: %w", errBadModel)
	}
	m.scale = math.Float32frombits(bits)
	if math.IsNaN(float64(m.scale)) || math.IsInf(float64(m.scale), 0) {
		return nil, fmt.Errorf("scale: %w", errBadModel)
	}
	if string(head) == magic {
		flags, err := getU(flagTwoPass)
		if err != nil {
			return nil, err
		}
		m.twoPass = flags&flagTwoPass != 0
	}
	readTable := func(withWeights bool) (table, error) {
		n, err := getU(maxRows)
		if err != nil {
			return table{}, err
		}
		if int(n) > size || withWeights && int(n)*int(nt) > size {
			return table{}, fmt.Errorf("%d entries in %d bytes: %w", n, size, errBadModel)
		}
		keys := make([]uint32, n)
		vals := make([]int32, n)
		last := uint64(0)
		for i := range keys {
			d, err := getU(math.MaxUint32)
			if err != nil {
				return table{}, err
			}
			last += d
			if last > math.MaxUint32 || last == 0 || (i > 0 && d == 0) {
				return table{}, fmt.Errorf("keys out of order: %w", errBadModel)
			}
			keys[i] = uint32(last)
			vals[i] = int32(i)
		}
		if withWeights {
			w := make([]byte, int(n)*int(nt))
			if _, err := io.ReadFull(r, w); err != nil {
				return table{}, fmt.Errorf("weights: %w", errBadModel)
			}
			m.weights = make([]int8, len(w))
			for t := 0; t < int(nt); t++ {
				for i := 0; i < int(n); i++ {
					m.weights[i*int(nt)+t] = int8(w[t*int(n)+i])
				}
			}
		} else {
			for i := range vals {
				v, err := getU(math.MaxInt32)
				if err != nil {
					return table{}, err
				}
				vals[i] = int32(v)
			}
		}
		return newTable(keys, vals), nil
	}
	if m.feats, err = readTable(true); err != nil {
		return nil, err
	}
	m.pack()
	if m.lex, err = readTable(false); err != nil {
		return nil, err
	}
	if m.gaz, err = readTable(false); err != nil {
		return nil, err
	}
	if string(head) == magic {
		if m.clus, err = readTable(false); err != nil {
			return nil, err
		}
	}
	_, lexVals := m.lex.entries()
	for _, v := range lexVals {
		if v < 0 || int(v) >= len(lexNames) {
			return nil, fmt.Errorf("lex class %d: %w", v, errBadModel)
		}
	}
	if _, err := r.ReadByte(); err != io.EOF {
		return nil, fmt.Errorf("trailing data: %w", errBadModel)
	}
	return m, nil
}
