package markup

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse parses arbitrary text and checks what Parse promises about
// every byte of it: one Line per line of the text; a block marker only
// where the line starts with it, outside a ``` block; each line's spans
// are its text with only markers taken out, emphasis markers by pairs; no
// empty span, no span running over a line break, no two neighbours of the
// same style; and Length, Show and Unbalanced agree with the lines.
func FuzzParse(f *testing.F) {
	f.Fuzz(func(t *testing.T, text string) {
		lines := Parse(text)
		raw := strings.Split(text, "\n")
		if len(lines) != len(raw) {
			t.Fatalf("Parse(%q): %d lines, the text has %d", text, len(lines), len(raw))
		}
		blocks := checkBlocks(t, text)
		start, length := 0, 0
		var hiddenTicks int
		for k, ln := range lines {
			rest := blockText(t, text, raw[k], start, ln, blocks)
			var visible strings.Builder
			for i, sp := range ln.Spans {
				checkSpan(t, text, k, i, ln.Spans)
				visible.WriteString(sp.Text)
				length += graphemeCount(sp.Text)
			}
			hiddenTicks += checkHidden(t, text, k, rest, visible.String())
			if k > 0 {
				length++
			}
			start += len(raw[k]) + 1
		}
		if hiddenTicks%2 != 0 {
			t.Errorf("Parse(%q) hides %d backticks: fences and code come in pairs", text, hiddenTicks)
		}
		if got := Length(text); got != length {
			t.Errorf("Length(%q) = %d, the lines show %d", text, got, length)
		}
		if n := utf8.RuneCountInString(text); length > n {
			t.Errorf("Length(%q) = %d, more than its %d characters", text, length, n)
		}
		if shown := Show(lines); strings.Count(shown, "\n") != len(lines)-1 {
			t.Errorf("Show(Parse(%q)) = %q: not %d lines", text, shown, len(lines))
		}
		if u := Unbalanced(text); u != "" && (!strings.Contains(text, u) || !strings.ContainsAny(u, "*_~`")) {
			t.Errorf("Unbalanced(%q) = %q: not a piece of the text around a marker", text, u)
		}
	})
}

// checkBlocks checks that MonoBlocks pairs real, non-empty, ordered fences.
func checkBlocks(t *testing.T, text string) []Block {
	t.Helper()
	blocks := MonoBlocks(text)
	end := 0
	for _, b := range blocks {
		if b.Open < end || b.Close < b.Open+4 || b.Close+3 > len(text) ||
			text[b.Open:b.Open+3] != "```" || text[b.Close:b.Close+3] != "```" {
			t.Fatalf("MonoBlocks(%q) = %v: %v is not a pair of fences after %d", text, blocks, b, end)
		}
		end = b.Close + 3
	}
	return blocks
}

// blockText checks the line's block marker against its raw text and
// returns the text after the marker.
func blockText(t *testing.T, text, raw string, start int, ln Line, blocks []Block) string {
	t.Helper()
	inBlock := false
	for _, b := range blocks {
		inBlock = inBlock || (b.Open <= start && start < b.Close+3)
	}
	if inBlock && ln.Kind != LinePlain {
		t.Fatalf("Parse(%q): the line %q starts inside a ``` block, yet is of kind %d", text, raw, ln.Kind)
	}
	quote, bullet := strings.HasPrefix(raw, "> "), strings.HasPrefix(raw, "* ") || strings.HasPrefix(raw, "- ")
	digits := 0
	for digits < len(raw) && raw[digits] >= '0' && raw[digits] <= '9' {
		digits++
	}
	numbered := digits > 0 && digits <= maxNumberDigits && strings.HasPrefix(raw[digits:], ". ")
	want := LinePlain
	switch {
	case inBlock:
	case quote:
		want = LineQuote
	case bullet:
		want = LineBullet
	case numbered:
		want = LineNumbered
	}
	if ln.Kind != want {
		t.Fatalf("Parse(%q): the line %q is of kind %d, want %d", text, raw, ln.Kind, want)
	}
	switch ln.Kind {
	case LineQuote, LineBullet:
		return raw[2:]
	case LineNumbered:
		if n, err := strconv.Atoi(raw[:digits]); err != nil || n != ln.Number {
			t.Fatalf("Parse(%q): the line %q is number %d", text, raw, ln.Number)
		}
		return raw[digits+2:]
	}
	if ln.Number != 0 {
		t.Fatalf("Parse(%q): the unnumbered line %q has number %d", text, raw, ln.Number)
	}
	return raw
}

// checkSpan checks one span against its neighbour on the left.
func checkSpan(t *testing.T, text string, line, i int, spans []Span) {
	t.Helper()
	sp := spans[i]
	switch {
	case sp.Text == "":
		t.Fatalf("Parse(%q), line %d: empty span %d", text, line, i)
	case strings.Contains(sp.Text, "\n"):
		t.Fatalf("Parse(%q), line %d: span %q runs over a line break", text, line, sp.Text)
	case sp.Code && sp.Mono, sp.Link && (sp.Mono || sp.Code):
		t.Fatalf("Parse(%q), line %d: span %+v mixes opaque styles", text, line, sp)
	case sp.Link && !linkStart(sp.Text):
		t.Fatalf("Parse(%q), line %d: link span %q is not a web address", text, line, sp.Text)
	}
	if i > 0 {
		prev := spans[i-1]
		prev.Text = sp.Text
		if prev == sp {
			t.Fatalf("Parse(%q), line %d: spans %d and %d have the same style", text, line, i-1, i)
		}
	}
}

// checkHidden checks that visible is rest with only markers taken out, and
// returns how many backticks were.
func checkHidden(t *testing.T, text string, line int, rest, visible string) int {
	t.Helper()
	j := 0
	for i := 0; i < len(rest); i++ {
		switch {
		case j < len(visible) && rest[i] == visible[j]:
			j++
		case strings.IndexByte("*_~`", rest[i]) < 0:
			t.Fatalf("Parse(%q), line %d: %q shows as %q; the byte %q at %d went missing", text, line, rest, visible, rest[i], i)
		}
	}
	if j != len(visible) {
		t.Fatalf("Parse(%q), line %d: %q shows as %q, which it does not contain", text, line, rest, visible)
	}
	for _, m := range "*_~" {
		if n := strings.Count(rest, string(m)) - strings.Count(visible, string(m)); n%2 != 0 {
			t.Fatalf("Parse(%q), line %d: %d %c hidden in %q, not pairs", text, line, n, m, rest)
		}
	}
	return strings.Count(rest, "`") - strings.Count(visible, "`")
}
