package cluster

import (
	"math"
	"sort"
)

// Feature is one weighted key of a vector.
type Feature struct {
	Key string  `json:"k"`
	W   float64 `json:"w"`
}

// Vec is a sparse vector sorted by key. A sorted slice rather than a map, so
// that every sum runs in one order and the results are the same bit for bit
// on every run (map order would change the last digits, and with them a
// decision at the threshold).
type Vec []Feature

// vecOf builds a Vec from counts.
func vecOf(m map[string]float64) Vec {
	v := make(Vec, 0, len(m))
	for k, w := range m {
		if w != 0 {
			v = append(v, Feature{k, w})
		}
	}
	sort.Slice(v, func(i, j int) bool { return v[i].Key < v[j].Key })
	return v
}

// norm is the vector's Euclidean length.
func (v Vec) norm() float64 {
	s := 0.0
	for _, f := range v {
		s += f.W * f.W
	}
	return math.Sqrt(s)
}

// unit returns v scaled to length 1; the empty vector stays empty.
func (v Vec) unit() Vec {
	n := v.norm()
	if n == 0 {
		return nil
	}
	out := make(Vec, len(v))
	for i, f := range v {
		out[i] = Feature{f.Key, f.W / n}
	}
	return out
}

// dot is the dot product of a and b, walking both sorted lists once.
func dot(a, b Vec) float64 {
	s := 0.0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].Key < b[j].Key:
			i++
		case a[i].Key > b[j].Key:
			j++
		default:
			s += a[i].W * b[j].W
			i++
			j++
		}
	}
	return s
}

// add returns a + b.
func add(a, b Vec) Vec {
	out := make(Vec, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i].Key < b[j].Key:
			out = append(out, a[i])
			i++
		case a[i].Key > b[j].Key:
			out = append(out, b[j])
			j++
		default:
			out = append(out, Feature{a[i].Key, a[i].W + b[j].W})
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// top keeps the n heaviest features of v (ties by key), still sorted by
// key. It bounds what one article or event carries.
func (v Vec) top(n int) Vec {
	if n <= 0 || len(v) <= n {
		return v
	}
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(x, y int) bool {
		sx, sy := v[idx[x]].W, v[idx[y]].W
		if sx != sy {
			return sx > sy
		}
		return v[idx[x]].Key < v[idx[y]].Key
	})
	idx = idx[:n]
	sort.Ints(idx)
	out := make(Vec, n)
	for i, k := range idx {
		out[i] = v[k]
	}
	return out
}
