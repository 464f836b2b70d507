// Package markup reads WhatsApp's text markup as followers see it:
// *bold*, _italic_, ~strike~, ```monospace``` and `inline code`, with
// quoted, bulleted and numbered lines. A marker next to a space does not
// open or close, a letter or digit next to a marker cancels it, crossing
// pairs resolve to the one that closes first, and ``` blocks are not
// parsed further. Parse gives lines of styled spans, which the phone
// preview draws and the Telegram back-end converts; Length counts what a
// follower sees, as the checks and the "Read more" cut do; Unbalanced
// finds a marker left open.
package markup

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/clipperhouse/uax29/v2/graphemes"
)

// LineKind is the block a line of a message belongs to.
type LineKind uint8

// Kinds of line. Block markers count only at the very start of a line and
// with their space: "> ", "* ", "- ", "12. ".
const (
	LinePlain    LineKind = iota
	LineQuote             // "> "
	LineBullet            // "* " or "- "
	LineNumbered          // "1. " (Number holds the number)
)

// Line is one line of a message as WhatsApp shows it: its block kind and
// its text cut into styled spans, markers removed.
type Line struct {
	Kind   LineKind
	Number int // for LineNumbered
	Spans  []Span
}

// Span is a run of text with one style.
type Span struct {
	Text   string
	Bold   bool // *bold*
	Italic bool // _italic_
	Strike bool // ~strike~
	Mono   bool // ```monospace```, which may span lines
	Code   bool // `inline code`
	Link   bool // a web address, which WhatsApp draws as a link
}

// Style bits of one byte of the text, while parsing.
const (
	attrBold uint8 = 1 << iota
	attrItalic
	attrStrike
	attrMono
	attrCode
	attrLink
	attrHidden // a marker that was consumed: not shown
	attrOpaque = attrMono | attrCode | attrLink
)

// maxNumberDigits bounds the number of a numbered line, so that it fits an
// int; a longer run of digits is plain text.
const maxNumberDigits = 9

// Parse reads WhatsApp's text markup, as followers see it, into lines of
// styled spans.
//
// The parser works left to right in passes over one array of style bits,
// one per byte of the text:
//
//  1. ```monospace``` pairs, which ignore the word rules, keep their
//     spaces, span lines and are not parsed further;
//  2. per line: the block marker, then `inline code`, then web addresses;
//     all three are opaque to what follows;
//  3. per line: *bold*, _italic_ and ~strike~ with a stack of open markers.
//
// Where the sources disagree, this parser decides as follows (each case has
// a test):
//
//   - A marker of another kind right after a closer works as usual:
//     "*a*_b_" is bold "a" then italic "b"; "*_both_*" nests.
//   - A doubled marker pairs on the outside: "**Text**" shows "*Text*" in
//     bold, stars included. In a run of the same marker only the first may
//     open, and the last one that may close does; the others are text. The
//     same marker right after a closer is text. This also gives "*a**b*c*"
//     as bold "a" only (the last star of "**" is followed by a letter, so
//     the first one closes).
//   - Bullets are drawn "•" whichever of "* " and "- " was typed.
//   - `inline code` follows the word rules of the other markers, but is
//     matched before them and its content is not parsed, so it never
//     crosses them; bold around code works ("*run `make`*").
//   - A web address (http://, https://, www.) is a link; markers inside it
//     are text (so "https://x.fr/a_b_c" stays whole). Trailing punctuation
//     and markers are not part of it, so "*https://x.fr*" is a bold link.
//   - A whole line "* x*" is a bullet whose text "x*" is literal: the block
//     marker is read first.
//   - A letter "next to" a marker includes a combining mark (the accent of
//     a decomposed "é"), so "e\u0301*x*" stays literal like "é*x*".
func Parse(text string) []Line {
	n := len(text)
	attr := make([]uint8, n)
	markMono(text, attr)

	var lines []Line
	p := parser{text: text, attr: attr}
	start := 0
	for start <= n {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = n
		} else {
			end += start
		}
		lines = append(lines, p.line(start, end))
		start = end + 1
	}
	return lines
}

// Block is a ```monospace``` pair: Open is where the opening fence
// starts, Close where the closing one starts, in bytes of the text.
type Block struct{ Open, Close int }

// MonoBlocks pairs the ``` fences of text left to right, as WhatsApp does:
// an opener without a closer later on stays literal, as does an empty
// pair. Other renderers of the markup (Telegram's HTML) use it so that
// they agree with Parse on where blocks are.
func MonoBlocks(text string) []Block {
	const fence = "```"
	var out []Block
	i := 0
	for {
		o := strings.Index(text[i:], fence)
		if o < 0 {
			return out
		}
		o += i
		c := strings.Index(text[o+3:], fence)
		if c < 0 {
			return out
		}
		c += o + 3
		if c == o+3 { // empty: "``````"
			i = o + 3
			continue
		}
		out = append(out, Block{Open: o, Close: c})
		i = c + 3
	}
}

// markMono marks the ``` blocks: fences hidden, contents monospace.
func markMono(text string, attr []uint8) {
	for _, b := range MonoBlocks(text) {
		for k := b.Open; k < b.Open+3; k++ {
			attr[k] |= attrHidden | attrMono
		}
		for k := b.Open + 3; k < b.Close; k++ {
			attr[k] |= attrMono
		}
		for k := b.Close; k < b.Close+3; k++ {
			attr[k] |= attrHidden | attrMono
		}
	}
}

type parser struct {
	text string
	attr []uint8
}

type opener struct {
	pos  int
	kind byte
}

// line parses text[start:end], one line without its "\n".
func (p *parser) line(start, end int) Line {
	var ln Line
	// A line that begins inside a ``` block has no block marker.
	if start < end && p.attr[start]&attrMono == 0 {
		ln.Kind, ln.Number, start = p.blockMarker(start, end)
	}
	p.markCode(start, end)
	p.markLinks(start, end)
	p.markEmphasis(start, end)
	ln.Spans = p.spans(start, end)
	return ln
}

// blockMarker recognises "> ", "* ", "- " and "N. " at start, hides them and
// returns where the line's text begins.
func (p *parser) blockMarker(start, end int) (LineKind, int, int) {
	s := p.text[start:end]
	hide := func(k int) {
		for i := start; i < start+k; i++ {
			p.attr[i] |= attrHidden
		}
	}
	switch {
	case strings.HasPrefix(s, "> "):
		hide(2)
		return LineQuote, 0, start + 2
	case strings.HasPrefix(s, "* "), strings.HasPrefix(s, "- "):
		hide(2)
		return LineBullet, 0, start + 2
	}
	d := 0
	for d < len(s) && d < maxNumberDigits && s[d] >= '0' && s[d] <= '9' {
		d++
	}
	if d > 0 && strings.HasPrefix(s[d:], ". ") && p.attr[start+d]&attrMono == 0 {
		num := 0
		for _, c := range s[:d] {
			num = num*10 + int(c-'0')
		}
		hide(d + 2)
		return LineNumbered, num, start + d + 2
	}
	return LinePlain, 0, start
}

// Word rules shared by the inline markers.

func isSpace(r rune) bool { return unicode.IsSpace(r) }

// isWordRune says whether a rune next to a marker makes it part of a word:
// letters, digits, and the combining marks that belong to them.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// before and after return the rune next to position i within [start, end);
// the line's edges read as a space.
func (p *parser) before(i, start int) rune {
	if i <= start {
		return ' '
	}
	r, _ := utf8.DecodeLastRuneInString(p.text[start:i])
	return r
}

func (p *parser) after(i, end int) rune {
	if i+1 >= end {
		return ' '
	}
	r, _ := utf8.DecodeRuneInString(p.text[i+1 : end])
	return r
}

// canOpen: not glued to a word on the left, followed by a non-space.
func (p *parser) canOpen(i, start, end int) bool {
	return !isWordRune(p.before(i, start)) && !isSpace(p.after(i, end))
}

// canClose: preceded by a non-space, not glued to a word on the right.
func (p *parser) canClose(i, start, end int) bool {
	return !isSpace(p.before(i, start)) && !isWordRune(p.after(i, end))
}

func (p *parser) free(i int) bool { return p.attr[i]&(attrOpaque|attrHidden) == 0 }

// markCode pairs single backticks on one line; a run of two or more is
// text. A pair never crosses a ``` block, so each stretch of the line
// between blocks is paired on its own.
func (p *parser) markCode(start, end int) {
	var closers []int
	for a := start; a < end; {
		if !p.free(a) {
			a++
			continue
		}
		b := a
		for b < end && p.free(b) {
			b++
		}
		closers = p.markCodeIn(a, b, start, end, closers[:0])
		a = b
	}
}

// markCodeIn pairs backticks in [a, b), a stretch of free text of the line
// [start, end). Candidates for closing are listed first, so that each
// opener finds its closer without rescanning.
func (p *parser) markCodeIn(a, b, start, end int, closers []int) []int {
	for i := a; i < b; i++ {
		if p.lone(i, '`', start, end) && p.canClose(i, start, end) {
			closers = append(closers, i)
		}
	}
	k := 0
	for i := a; i < b; i++ {
		if !p.lone(i, '`', start, end) || !p.canOpen(i, start, end) {
			continue
		}
		for k < len(closers) && closers[k] <= i+1 {
			k++
		}
		if k == len(closers) {
			break
		}
		c := closers[k]
		p.attr[i] |= attrHidden | attrCode
		p.attr[c] |= attrHidden | attrCode
		for j := i + 1; j < c; j++ {
			p.attr[j] |= attrCode
		}
		i = c
		k++
	}
	return closers
}

// lone says whether text[i] is a free c with no other c on either side.
func (p *parser) lone(i int, c byte, start, end int) bool {
	return p.text[i] == c && p.free(i) &&
		(i == start || p.text[i-1] != c) && (i+1 == end || p.text[i+1] != c)
}

// markLinks marks web addresses, which stay whole: WhatsApp draws them as
// links and does not read markers inside them.
func (p *parser) markLinks(start, end int) {
	s := p.text
	for i := start; i < end; i++ {
		if c := s[i] | 0x20; c != 'h' && c != 'w' {
			continue
		}
		if !p.free(i) || !linkStart(s[i:end]) || isWordRune(p.before(i, start)) {
			continue
		}
		j := i
		for j < end && p.free(j) && s[j] != ' ' {
			j++
		}
		for j > i && strings.IndexByte(".,;:!?'\")]}*_~`", s[j-1]) >= 0 {
			j--
		}
		if !linkStart(s[i:j]) { // "www.." without its dots is no address
			continue
		}
		for k := i; k < j; k++ {
			p.attr[k] |= attrLink
		}
		i = j
	}
}

func linkStart(s string) bool {
	hasPrefixFold := func(prefix string) bool {
		return len(s) > len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
	}
	return hasPrefixFold("https://") || hasPrefixFold("http://") || hasPrefixFold("www.")
}

// emphasisSlot numbers the emphasis markers; -1 for any other byte.
func emphasisSlot(c byte) int {
	switch c {
	case '*':
		return 0
	case '_':
		return 1
	case '~':
		return 2
	}
	return -1
}

func emphasisAttr(slot int) uint8 {
	return [3]uint8{attrBold, attrItalic, attrStrike}[slot]
}

// markEmphasis pairs *, _ and ~ on one line with a stack of open markers.
// A closer pairs with the nearest open marker of its kind; markers opened
// after that one and still open are crossing pairs that lost (the pair that
// closes first wins) and stay literal. Openers left at the end of the line
// stay literal too.
//
// A run of the same marker ("**") is read as a unit: the last of the run
// that may close does, or else the first may open; the others are text.
// Each byte is looked at a bounded number of times, so the parse stays
// linear however the markers are arranged.
func (p *parser) markEmphasis(start, end int) {
	var (
		stack []opener
		open  [3]int     // open markers of each kind on the stack
		diff  [3][]int32 // per kind: +1 after an opener, -1 at its closer
	)
	for i := start; i < end; i++ {
		c := p.text[i]
		slot := emphasisSlot(c)
		if slot < 0 || !p.free(i) {
			continue
		}
		last := i // the run of c is [i, last]
		for last+1 < end && p.text[last+1] == c && p.free(last+1) {
			last++
		}
		// The same marker right after a closer is plain text.
		if i > start && p.text[i-1] == c && p.attr[i-1]&attrHidden != 0 {
			i = last
			continue
		}
		if open[slot] > 0 {
			at := len(stack) - 1
			for stack[at].kind != c {
				at--
			}
			o := stack[at].pos
			k := last
			for k >= i && (k <= o+1 || !p.canClose(k, start, end)) {
				k--
			}
			if k >= i {
				for _, lost := range stack[at+1:] {
					open[emphasisSlot(lost.kind)]--
				}
				open[slot]--
				stack = stack[:at]
				if diff[slot] == nil {
					diff[slot] = make([]int32, end-start+1)
				}
				diff[slot][o+1-start]++
				diff[slot][k-start]--
				p.attr[o] |= attrHidden
				p.attr[k] |= attrHidden
				i = last
				continue
			}
		}
		if p.canOpen(i, start, end) {
			stack = append(stack, opener{pos: i, kind: c})
			open[slot]++
		}
		i = last
	}
	for slot, d := range diff {
		if d == nil {
			continue
		}
		bit := emphasisAttr(slot)
		var level int32
		for i := start; i < end; i++ {
			level += d[i-start]
			if level > 0 {
				p.attr[i] |= bit
			}
		}
	}
}

// spans groups the visible bytes of [start, end) by style. Text of one
// style on both sides of a consumed marker is one span.
func (p *parser) spans(start, end int) []Span {
	var out []Span
	for i := start; i < end; {
		a := p.attr[i]
		if a&attrHidden != 0 {
			i++
			continue
		}
		// The span runs over bytes of style a and consumed markers, as long
		// as text of style a follows them.
		j, last, hidden := i, i, false
		for j < end && (p.attr[j] == a || p.attr[j]&attrHidden != 0) {
			if p.attr[j] == a {
				last = j + 1
			} else {
				hidden = true
			}
			j++
		}
		text := p.text[i:last]
		if hidden {
			var b strings.Builder
			for k := i; k < last; k++ {
				if p.attr[k]&attrHidden == 0 {
					b.WriteByte(p.text[k])
				}
			}
			text = b.String()
		}
		out = append(out, Span{
			Text:   text,
			Bold:   a&attrBold != 0,
			Italic: a&attrItalic != 0,
			Strike: a&attrStrike != 0,
			Mono:   a&attrMono != 0,
			Code:   a&attrCode != 0,
			Link:   a&attrLink != 0,
		})
		i = last
	}
	return out
}

// Show writes parsed lines in a compact form that tests compare: block
// prefixes as typed, and each styled span in brackets with its style
// letters (b, i, s, m, c, l).
func Show(lines []Line) string {
	var b strings.Builder
	for n, ln := range lines {
		if n > 0 {
			b.WriteByte('\n')
		}
		switch ln.Kind {
		case LineQuote:
			b.WriteString("> ")
		case LineBullet:
			b.WriteString("• ")
		case LineNumbered:
			b.WriteString(strconv.Itoa(ln.Number) + ". ")
		}
		for _, s := range ln.Spans {
			flags := ""
			for _, f := range []struct {
				on bool
				c  string
			}{{s.Bold, "b"}, {s.Italic, "i"}, {s.Strike, "s"}, {s.Mono, "m"}, {s.Code, "c"}, {s.Link, "l"}} {
				if f.on {
					flags += f.c
				}
			}
			if flags == "" {
				b.WriteString(s.Text)
			} else {
				b.WriteString("{" + flags + ":" + s.Text + "}")
			}
		}
	}
	return b.String()
}

// Length is how many characters a follower sees of text: grapheme
// clusters, markers left out, a line break counting one. The "Read more"
// cut and the length checks both count this way.
func Length(text string) int {
	n := 0
	for i, ln := range Parse(text) {
		if i > 0 {
			n++
		}
		for _, s := range ln.Spans {
			n += graphemeCount(s.Text)
		}
	}
	return n
}

// graphemeCount is how many grapheme clusters s holds: the characters a
// person sees. The desk counts them with this segmenter only, the one the
// terminal widths of x/ansi are measured with, so that what the checks
// count, the phone preview cuts and the screen lays out agree.
func graphemeCount(s string) int {
	n := 0
	for g := graphemes.FromString(s); g.Next(); {
		n++
	}
	return n
}

// Unbalanced returns the first marker that looks meant to open or close
// a style but found no partner, with a little of its context ("*Alerte
// orange"), or "" when every such marker is paired. A marker glued
// between letters or digits ("2*3", "snake_case") or doubled ("**") is
// ordinary text and not reported.
func Unbalanced(text string) string {
	attr := make([]uint8, len(text))
	markMono(text, attr)
	p := parser{text: text, attr: attr}
	for start := 0; start <= len(text); {
		end := strings.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += start
		}
		p.line(start, end)
		for i := start; i < end; i++ {
			c := text[i]
			if (c != '*' && c != '_' && c != '~' && c != '`') || !p.free(i) {
				continue
			}
			if (i > start && text[i-1] == c) || (i+1 < end && text[i+1] == c) {
				continue
			}
			if p.canOpen(i, start, end) || p.canClose(i, start, end) {
				from, to := i, i+1
				for k := 0; k < 12 && from > start; k++ {
					_, size := utf8.DecodeLastRuneInString(text[start:from])
					from -= size
				}
				for k := 0; k < 13 && to < end; k++ {
					_, size := utf8.DecodeRuneInString(text[to:end])
					to += size
				}
				return strings.TrimSpace(text[from:to])
			}
		}
		start = end + 1
	}
	return ""
}
