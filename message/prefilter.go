package message

import (
	"regexp"
	"slices"
	"strings"
)

// The checks run on every key typed in the editor, over the whole text.
// Their case-insensitive patterns are slow to try at every byte of a
// 1,500-character post, and most bytes cannot start a match: a date
// starts with a weekday's name, a placeholder with one of a few words or
// signs. These prefilters find where a match may start with plain
// searches, and ask the pattern only there; what they return is what the
// pattern alone returns.

// foldsToASCII says whether s holds one of the two letters outside ASCII
// that case-insensitive matching takes for an ASCII one (ſ for s, the
// Kelvin sign for k): then only the pattern itself can tell. Two plain
// searches: ContainsAny with letters outside ASCII decodes every rune.
func foldsToASCII(s string) bool {
	return strings.Contains(s, "\u017f") || strings.Contains(s, "\u212a")
}

// lowerASCII lowers the ASCII letters of s alone, so that its bytes stay
// where they are in s.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// isWordByte is a byte of \w, whose edges are \b.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// dayPattern is a pattern of dates that starts, at a word's edge, with
// one of the weekdays' names.
type dayPattern struct {
	re       *regexp.Regexp // as written
	anchored *regexp.Regexp // the same, tried at the start of the text only
	days     []string       // the weekdays' names, lower-case
}

func newDayPattern(expr string, days []string) dayPattern {
	body, ok := strings.CutPrefix(expr, "(?i)")
	if !ok || !strings.HasPrefix(body, `\b(`) {
		panic("a date pattern is case-insensitive and starts with a word's edge")
	}
	return dayPattern{re: regexp.MustCompile(expr), anchored: regexp.MustCompile(`(?i)^(?:` + body + `)`), days: days}
}

// findAll is re.FindAllStringSubmatchIndex(text, -1): the pattern is
// tried only where a weekday's name starts a word, each match after the
// one before.
func (p dayPattern) findAll(text string) [][]int {
	if foldsToASCII(text) {
		return p.re.FindAllStringSubmatchIndex(text, -1)
	}
	lower := lowerASCII(text)
	var starts []int
	for _, day := range p.days {
		for from := 0; ; {
			i := strings.Index(lower[from:], day)
			if i < 0 {
				break
			}
			starts = append(starts, from+i)
			from += i + 1
		}
	}
	slices.Sort(starts)
	var out [][]int
	end := 0
	for _, s := range starts {
		if s < end || s > 0 && isWordByte(text[s-1]) {
			continue
		}
		m := p.anchored.FindStringSubmatchIndex(text[s:])
		if m == nil {
			continue
		}
		for i := range m {
			if m[i] >= 0 {
				m[i] += s
			}
		}
		out = append(out, m)
		end = max(m[1], s+1)
	}
	return out
}

// placeholderMarks are what a placeholder holds, one of them at least:
// its words, lower-case, an opening bracket, three question marks.
var placeholderMarks = []string{"todo", "tbd", "fixme", "xxx", "lorem ipsum", "[", "???"}

// mayHoldPlaceholder says whether s may hold a placeholder: false means
// placeholderRE finds none.
func mayHoldPlaceholder(s string) bool {
	if foldsToASCII(s) {
		return true
	}
	lower := lowerASCII(s)
	for _, mark := range placeholderMarks {
		if strings.Contains(lower, mark) {
			return true
		}
	}
	return false
}
