package textedit

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// grapheme is the first character of s as a person sees it, and its width
// in cells. Plain ASCII, most of a French text, skips the segmentation.
func grapheme(s string) (string, int) {
	if len(s) == 0 {
		return "", 0
	}
	if s[0] < 0x80 && (len(s) == 1 || s[1] < 0x80) {
		if s[0] < 0x20 || s[0] == 0x7f {
			return s[:1], 0
		}
		return s[:1], 1
	}
	return ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
}

// cells is the width of s in cells.
func cells(s string) int {
	w := 0
	for len(s) > 0 {
		g, gw := grapheme(s)
		w += gw
		s = s[len(g):]
	}
	return w
}

// wrap is the byte offsets where the rows of line start, at w cells a
// row. Rows break after a space when they can, inside a word longer than a
// row when they must. A space that ends a full row hangs one cell past it
// rather than starting the next; when the line ends there, an empty row
// follows for the cursor.
func wrap(line string, w int) []int {
	starts := []int{0}
	width := 0 // cells on the current row
	brk := 0   // where the current row may break: after its last space
	for i := 0; i < len(line); {
		g, gw := grapheme(line[i:])
		space := g == " "
		limit := w
		if space {
			limit = w + 1
		}
		if start := starts[len(starts)-1]; width+gw > limit && i > start {
			cut := i
			if !space && brk > start {
				cut = brk
			}
			starts = append(starts, cut)
			width = cells(line[cut:i])
			if width+gw > limit && i > cut {
				// What moved down and this character still overflow.
				starts = append(starts, i)
				width = 0
			}
		}
		width += gw
		i += len(g)
		if space {
			brk = i
		}
	}
	if width > w && strings.HasSuffix(line, " ") {
		starts = append(starts, len(line))
	}
	return starts
}

// segment is row k of a line wrapped at starts.
func segment(line string, starts []int, k int) string {
	if k+1 < len(starts) {
		return line[starts[k]:starts[k+1]]
	}
	return line[starts[k]:]
}
