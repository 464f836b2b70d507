package phone

// A long text is cut as WhatsApp cuts it, at a word, and ends with
// "Read more".

import (
	"strings"

	"crieur/message/markup"
)

// cutReadMore cuts a text longer than limit graphemes (counting a line
// break as one, and markers not at all: what the follower sees) at the
// last space before the limit, and ends it with label in link colour.
func cutReadMore(lines []markup.Line, limit int, label string) []markup.Line {
	total := 0
	for i, ln := range lines {
		if i > 0 {
			total++
		}
		total += lineGraphemes(ln)
		if total > limit {
			break
		}
	}
	if total <= limit {
		return lines
	}

	left := limit
	for i, ln := range lines {
		if i > 0 {
			left-- // the line break
			if left <= 0 {
				return withLabel(lines[:i], label)
			}
		}
		n := lineGraphemes(ln)
		if n <= left {
			left -= n
			continue
		}
		kept, whole := keepGraphemes(ln.Spans, left)
		if !whole && i > 0 {
			// No space to cut at on this line: end with the line before.
			return withLabel(lines[:i], label)
		}
		out := append(lines[:i:i], markup.Line{Kind: ln.Kind, Number: ln.Number, Spans: kept})
		return withLabel(out, label)
	}
	return lines
}

func lineGraphemes(ln markup.Line) int {
	n := 0
	for _, s := range ln.Spans {
		for t := s.Text; t != ""; n++ {
			c, _ := cluster(t)
			t = t[len(c):]
		}
	}
	return n
}

// keepGraphemes keeps the first n graphemes of spans, backed up to the
// last space when the cut falls inside a word, without trailing spaces.
// whole is false when the cut had to split a word, for want of a space
// before it.
func keepGraphemes(spans []markup.Span, n int) (kept []markup.Span, whole bool) {
	cutSpan, cutAt := len(spans), 0 // the cut: spans[cutSpan].Text[cutAt:] goes
	spaceSpan, spaceAt := -1, 0     // the last space before the cut
	for si, s := range spans {
		i := 0
		for i < len(s.Text) && n > 0 {
			c, _ := cluster(s.Text[i:])
			if c == " " {
				spaceSpan, spaceAt = si, i
			}
			i += len(c)
			n--
		}
		if n == 0 {
			cutSpan, cutAt = si, i
			break
		}
	}
	whole = true
	if inWord(spans, cutSpan, cutAt) {
		if spaceSpan >= 0 {
			cutSpan, cutAt = spaceSpan, spaceAt
		} else {
			whole = false
		}
	}
	out := make([]markup.Span, 0, cutSpan+1)
	out = append(out, spans[:cutSpan]...)
	if cutSpan < len(spans) && cutAt > 0 {
		s := spans[cutSpan]
		s.Text = s.Text[:cutAt]
		out = append(out, s)
	}
	for len(out) > 0 {
		last := &out[len(out)-1]
		last.Text = strings.TrimRight(last.Text, " ")
		if last.Text != "" {
			break
		}
		out = out[:len(out)-1]
	}
	return out, whole
}

// inWord says whether a cut at spans[si].Text[at:] may split a word: more
// text follows, and not after a space.
func inWord(spans []markup.Span, si, at int) bool {
	for ; si < len(spans); si, at = si+1, 0 {
		if rest := spans[si].Text[at:]; rest != "" {
			return rest[0] != ' '
		}
	}
	return false
}

func withLabel(lines []markup.Line, label string) []markup.Line {
	n := len(lines)
	if n == 0 {
		return []markup.Line{{Spans: []markup.Span{{Text: label, Link: true}}}}
	}
	last := lines[n-1]
	spans := append(last.Spans[:len(last.Spans):len(last.Spans)], markup.Span{Text: label, Link: true})
	out := append(lines[:n-1:n-1], markup.Line{Kind: last.Kind, Number: last.Number, Spans: spans})
	return out
}
