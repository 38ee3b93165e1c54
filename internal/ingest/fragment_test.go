package ingest

import (
	"strings"
	"testing"
)

func TestFragmentText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraphs", "<p>First one.</p><p>Second one.</p>", "First one.\n\nSecond one."},
		{"line break", "Line one<br>line two<br/>line three", "Line one\nline two\nline three"},
		{"inline keeps spaces", "The <b>bold</b> and <i>the</i> <a href=x>linked</a>.", "The bold and the linked."},
		{"whitespace folds", "<p>  Spread\n\n   over\tlines  </p>", "Spread over lines"},
		{"entities", "<p>Fish &amp; chips &mdash; &#163;5 &quot;each&quot;</p>", "Fish & chips — £5 \"each\""},
		{"scripts and styles dropped", "<style>p{color:red}</style><p>Kept.</p><script>alert(1)</script><noscript>Enable JS</noscript>", "Kept."},
		{"nested blocks give one blank line", "<div><div><p>Deep.</p></div></div><div><p>Next.</p></div>", "Deep.\n\nNext."},
		{"list items", "<ul><li>Bread</li><li>Milk</li></ul>", "Bread\n\nMilk"},
		{"headings", "<h2>Title</h2>Body text.", "Title\n\nBody text."},
		{"pre keeps its lines", "<pre>a  b\n  c</pre>", "a  b\n  c"},
		{"table cells", "<table><tr><td>North</td><td>12</td></tr><tr><td>South</td><td>9</td></tr></table>", "North 12\n\nSouth 9"},
		{"comments vanish", "Before<!-- hidden -->after", "Beforeafter"},
		{"unclosed tags", "<p>Open <b>bold <p>Next", "Open bold\n\nNext"},
		{"plain text passes", "Just words.", "Just words."},
		{"empty", "", ""},
		{"only markup", "<div><br><p></p></div>", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := fragmentText(tc.in); got != tc.want {
				t.Errorf("fragmentText(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// Deeply nested markup must neither overflow the stack nor be lost.
func TestFragmentTextDeep(t *testing.T) {
	const depth = 100000
	in := strings.Repeat("<div>", depth) + "Bottom." + strings.Repeat("</div>", depth)
	if got := fragmentText(in); got != "Bottom." {
		t.Errorf("got %q", clip(got, 40))
	}
}
