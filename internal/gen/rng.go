package gen

// rng is splitmix64: small, fast and fully specified here, so a seed gives
// the same corpus on every Go release (math/rand promises no such thing for
// its helper methods).
type rng struct{ s uint64 }

func newRNG(parts ...uint64) *rng {
	r := &rng{s: 0x9e3779b97f4a7c15}
	for _, p := range parts {
		r.s ^= p
		r.next()
	}
	return r
}

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns a number in [0, n); n <= 0 gives 0.
func (r *rng) intn(n int) int {
	if n <= 0 {
		return 0
	}
	return int(r.next() % uint64(n))
}

// between returns a number in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// chance is true with probability p.
func (r *rng) chance(p float64) bool { return float64(r.next()>>11)/(1<<53) < p }

// fork derives an independent stream, so that one part of an article can
// change how many numbers it draws without shifting every later part.
func (r *rng) fork(tag uint64) *rng { return newRNG(r.next(), tag) }

func pick[T any](r *rng, xs ...T) T { return xs[r.intn(len(xs))] }
