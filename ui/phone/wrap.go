package phone

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// run is text drawn with one pen, and its width in cells.
type run struct {
	pen, text string
	w         int
	// Where wrap took the text from: input run src-1, from byte at. Zero
	// for text made elsewhere.
	src, at int
}

// row is one drawn line of text: runs whose widths add up to w.
type row struct {
	runs []run
	w    int
}

func (r *row) add(x run) {
	r.runs = append(r.runs, x)
	r.w += x.w
}

// joined merges the neighbouring runs of a row that are neighbours in the
// same input run too: a word and the spaces around it are then drawn as
// one piece of text, which is shorter to write and can never split a
// grapheme cluster that the input kept whole.
func joined(r row, in []run) row {
	out := r.runs[:0]
	for _, x := range r.runs {
		if n := len(out); n > 0 && x.src > 0 {
			last := &out[n-1]
			if last.src == x.src && last.at+len(last.text) == x.at {
				last.text = in[x.src-1].text[last.at : x.at+len(x.text)]
				last.w += x.w
				continue
			}
		}
		out = append(out, x)
	}
	r.runs = out
	return r
}

// cluster returns the first grapheme cluster of s and its width in cells,
// measured exactly as ansi.StringWidth measures it, so that what this
// package lays out is what the frame's tests (and the terminal) count.
// Printable ASCII followed by ASCII is one cell and skips the segmenter.
func cluster(s string) (string, int) {
	if c := s[0]; c >= 0x20 && c < 0x7f && (len(s) == 1 || s[1] < utf8.RuneSelf) {
		return s[:1], 1
	}
	return ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
}

// textWidth is the width of sanitized text in cells.
func textWidth(s string) int {
	w := 0
	for s != "" {
		c, cw := cluster(s)
		w += cw
		s = s[len(c):]
	}
	return w
}

// wrap lays runs of text into rows at most width cells wide.
//
// It breaks at spaces, and inside a word longer than a row between grapheme
// clusters, so that an emoji with its skin tone, a family joined by ZWJ, a
// flag, a keycap or a letter with its combining accent is never split and
// is counted at the width a terminal gives it. Spaces where a row breaks
// are dropped; spaces at the start of the text (indentation) and between
// words are kept as typed. Only U+0020 breaks: a no-break space (French
// "12 h", "« ») keeps its neighbours together.
//
// Right-to-left text (Arabic, Hebrew) is kept in logical order and broken
// at spaces like any other: a terminal that applies the bidi algorithm
// shows each row right to left, and one that does not shows the letters in
// logical order. Reordering here would be wrong in the first case.
//
// Every run of the result is a substring of one input run cut at cluster
// boundaries, so measuring a run again gives the same width.
func wrap(in []run, width int) []row {
	w := wrapper{width: max(width, 2), in: in, cur: row{runs: make([]run, 0, rowRuns)}}
	for k, r := range in {
		start, pw, space := 0, 0, false
		for i := 0; i < len(r.text); {
			c, cw := cluster(r.text[i:])
			sp := c == " "
			if i > start && sp != space {
				w.piece(run{pen: r.pen, text: r.text[start:i], w: pw, src: k + 1, at: start}, space)
				start, pw = i, 0
			}
			space = sp
			pw += cw
			i += len(c)
		}
		if start < len(r.text) {
			w.piece(run{pen: r.pen, text: r.text[start:], w: pw, src: k + 1, at: start}, space)
		}
	}
	w.endWord()
	w.rows = append(w.rows, w.cur)
	for i, r := range w.rows {
		w.rows[i] = joined(r, in)
	}
	return w.rows
}

// rowRuns is room for the words and spaces of a typical row, before they
// are joined.
const rowRuns = 16

type wrapper struct {
	width int
	in    []run
	rows  []row
	cur   row
	word  row // the word being read
	gap   row // the spaces before it

	// The last word placed on cur: where its gap starts in cur.runs, where
	// the word itself starts, and their widths. lastGap is 0 or less when
	// the word cannot move to the next row: nothing is before it on its
	// row, or it was broken across rows.
	lastGap, lastWord int
	lastGapW, lastW   int
	lastOpens         bool // it ends with "«"
}

func (w *wrapper) piece(r run, space bool) {
	if space {
		w.endWord()
		w.gap.add(r)
		return
	}
	w.word.add(r)
}

func (w *wrapper) endWord() {
	if len(w.word.runs) == 0 {
		return
	}
	// As a phone does (Unicode line breaking, rule LB13), a space before
	// closing punctuation does not break, nor one after "«": French
	// typography's "vous :" and "« oui »" move to the next row whole.
	glued := len(w.gap.runs) > 0 && (w.lastOpens || closesBefore(w.word))
	if glued && w.cur.w+w.gap.w+w.word.w > w.width && w.lastGap > 0 {
		moved := append([]run(nil), w.cur.runs[w.lastWord:]...)
		w.cur.runs = w.cur.runs[:w.lastGap]
		w.cur.w -= w.lastGapW + w.lastW
		w.newRow()
		w.cur = row{runs: moved, w: w.lastW}
	}

	lineStart := len(w.rows) == 0 && w.cur.w == 0
	switch {
	case (w.cur.w > 0 || lineStart) && w.cur.w+w.gap.w+w.word.w <= w.width:
		w.lastGap, w.lastGapW = len(w.cur.runs), w.gap.w
		w.cur.runs = append(w.cur.runs, w.gap.runs...)
		w.cur.w += w.gap.w
		w.place()
	case w.word.w <= w.width:
		if w.cur.w > 0 {
			w.newRow()
		}
		w.lastGap, w.lastGapW = 0, 0
		w.place()
	default:
		if w.cur.w > 0 {
			w.newRow()
		}
		w.breakWord()
		w.lastGap = -1
	}
	last := w.word.runs[len(w.word.runs)-1].text
	w.lastOpens = strings.HasSuffix(last, "«")
	w.word = row{runs: w.word.runs[:0]}
	w.gap = row{runs: w.gap.runs[:0]}
}

// place puts the word read at the end of the current row.
func (w *wrapper) place() {
	w.lastWord, w.lastW = len(w.cur.runs), w.word.w
	w.cur.runs = append(w.cur.runs, w.word.runs...)
	w.cur.w += w.word.w
}

// closesBefore says whether a word starts with punctuation that may not
// begin a row after a space.
func closesBefore(word row) bool {
	r, _ := utf8.DecodeRuneInString(word.runs[0].text)
	return strings.ContainsRune(":;!?»)]},.…%", r)
}

func (w *wrapper) newRow() {
	w.rows = append(w.rows, w.cur)
	w.cur = row{runs: make([]run, 0, rowRuns)}
	w.lastGap = -1
}

// breakWord places a word longer than a row, cluster by cluster.
func (w *wrapper) breakWord() {
	for _, r := range w.word.runs {
		start, pw := 0, 0
		for i := 0; i < len(r.text); {
			c, cw := cluster(r.text[i:])
			if w.cur.w+pw+cw > w.width && w.cur.w+pw > 0 {
				if i > start {
					w.cur.add(run{pen: r.pen, text: r.text[start:i], w: pw, src: r.src, at: r.at + start})
				}
				w.newRow()
				start, pw = i, 0
			}
			pw += cw
			i += len(c)
		}
		if start < len(r.text) {
			w.cur.add(run{pen: r.pen, text: r.text[start:], w: pw, src: r.src, at: r.at + start})
		}
	}
}

// truncate keeps the clusters of a row that fit in width cells, then adds
// tail (which must fit in what is left).
func truncate(r row, width int, tail run) row {
	var out row
	limit := width - tail.w
	for _, x := range r.runs {
		if out.w+x.w <= limit {
			out.add(x)
			continue
		}
		n, pw := 0, 0
		for n < len(x.text) {
			c, cw := cluster(x.text[n:])
			if out.w+pw+cw > limit {
				break
			}
			pw += cw
			n += len(c)
		}
		if n > 0 {
			out.add(run{pen: x.pen, text: x.text[:n], w: pw})
		}
		break
	}
	out.add(tail)
	return out
}
