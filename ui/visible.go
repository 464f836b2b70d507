package ui

import (
	"strings"
	"unicode/utf8"
)

// visible makes control characters and escape sequences harmless: each
// becomes a visible symbol, so a title pasted from anywhere can never move
// the cursor, change colours or write to the clipboard.
func visible(s string) string { return makeVisible(s, false) }

// visibleKeepNewlines is visible for multi-line text.
func visibleKeepNewlines(s string) string { return makeVisible(s, true) }

func makeVisible(s string, keepNewlines bool) string {
	clean := true
	for _, r := range s {
		if unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' && keepNewlines:
			b.WriteRune(r)
		case r == '\t':
			b.WriteString("    ")
		case r < 0x20:
			b.WriteRune(0x2400 + r) // the Control Pictures block: ␛ for ESC
		case r == 0x7f:
			b.WriteRune('␡')
		case unsafeRune(r):
			b.WriteRune('�')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == utf8.RuneError: // also what ranging yields for a byte that is not UTF-8
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	}
	return false
}
