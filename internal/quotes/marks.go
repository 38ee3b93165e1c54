package quotes

// segment is one stretch of quoted words between two marks. A quote over
// several paragraphs is one segment: its paragraphs open again with a mark
// and only the last one closes.
type segment struct {
	open, close int // token indexes of the marks; close is -1 when no mark closes it
	start, end  int // the words inside, without the marks
	last        int // index of the last token inside
	single      bool
}

func canOpen(t token) bool {
	switch t.mark {
	case mOpen:
		return !(t.right && !t.left)
	case mClose:
		return t.left && !t.right
	case mEither:
		return t.left || !t.right
	}
	return false
}

func canClose(t token) bool {
	switch t.mark {
	case mClose:
		return !(t.left && !t.right)
	case mOpen:
		return t.right && !t.left
	case mEither:
		return t.right || !t.left
	}
	return false
}

// segments pairs the quotation marks of d. Double marks are paired at the
// top level; single marks (‘…’) only where no double mark is open, since
// inside a quote they nest and elsewhere ’ is mostly an apostrophe.
func (d *doc) segments() []segment {
	var out []segment
	open, sopen := -1, -1
	add := func(o, c, last int, single bool) {
		if last <= o {
			return
		}
		s := segment{open: o, close: c, start: d.toks[o+1].start, end: d.toks[last].end, last: last, single: single}
		if s.start < s.end {
			out = append(out, s)
		}
	}
	for pi := range d.paras {
		lo, hi := d.paraTok[pi], d.paraTok[pi+1]
		i := lo
		if open >= 0 {
			i++ // the mark that opens the continuing paragraph
		}
		for ; i < hi; i++ {
			t := d.toks[i]
			if t.kind != tMark {
				continue
			}
			switch {
			case open >= 0:
				if canClose(t) {
					add(open, i, i-1, false)
					open = -1
				} else if t.mark == mOpen {
					// a second opening mark: the first quote was never closed
					add(open, -1, i-1, false)
					open = i
				}
			case sopen >= 0:
				if (t.mark == mSingleClose || t.mark == mSingleEither) && t.right {
					add(sopen, i, i-1, true)
					sopen = -1
				}
			case t.mark == mSingleOpen || t.mark == mSingleEither:
				if t.left {
					sopen = i
				}
			case canOpen(t):
				open = i
			}
		}
		sopen = -1 // an unclosed single mark was an apostrophe
		if open < 0 {
			continue
		}
		if pi+1 < len(d.paras) {
			n := d.paraTok[pi+1]
			if n < d.paraTok[pi+2] && d.toks[n].kind == tMark && d.toks[n].mark < mSingleOpen && canOpen(d.toks[n]) {
				continue // the quote goes on in the next paragraph
			}
		}
		add(open, -1, hi-1, false)
		open = -1
	}
	return out
}
