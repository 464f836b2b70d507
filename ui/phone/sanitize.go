package phone

import (
	"strings"
	"unicode/utf8"
)

// Symbols drawn in place of what must never reach the terminal.
const (
	otherControl = '⍰' // C1 controls and bidi embeddings, overrides and isolates
	tabSpaces    = "    "
)

// Sanitize makes text safe to draw: every character that a terminal would
// act on instead of showing is replaced by a visible symbol, so that a post
// (or a channel name, or a card title) can neither restyle the screen, move
// the cursor, set the clipboard (OSC 52) nor ring the bell, and so that the
// community manager sees that something odd is in the text.
//
//   - C0 controls other than "\n" and "\t", and DEL, become their Control
//     Pictures (ESC is "␛", BEL is "␇"). The rest of an escape sequence is
//     printable and stays as text: "\x1b[31m" shows as "␛[31m".
//   - C1 controls (U+0080–U+009F) become "⍰".
//   - Bytes that are not UTF-8 become "�", so a lone 0x9b (8-bit CSI) cannot
//     pass either.
//   - Bidi embeddings, overrides and isolates (U+202A–U+202E,
//     U+2066–U+2069) become "⍰": they would reorder the frame around them,
//     and a right-to-left override is a known way to disguise text.
//   - The left-to-right, right-to-left and Arabic letter marks (U+200E,
//     U+200F, U+061C) are dropped: they are invisible in WhatsApp too, are
//     legitimate in Arabic and Hebrew text, and some terminals draw them as
//     a box that would push the frame's edge.
//   - U+2028 and U+2029 (line and paragraph separators) become "\n".
//   - A tab becomes four spaces.
//
// Text that needs none of this is returned as it is, without copying.
func Sanitize(s string) string {
	return sanitize(s, false)
}

// SanitizeLine is Sanitize for one-line fields (channel name, card title,
// domain): line breaks become spaces as well.
func SanitizeLine(s string) string {
	return sanitize(s, true)
}

func sanitize(s string, oneLine bool) string {
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && (c != '\n' || oneLine) || c == 0x7f {
				break
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if _, change := replacement(r, size, oneLine); change {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}

	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if rep, change := replacement(r, size, oneLine); change {
			b.WriteString(rep)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// replacement says what one decoded rune is drawn as, and whether that
// differs from the rune itself.
func replacement(r rune, size int, oneLine bool) (string, bool) {
	switch {
	case r == utf8.RuneError && size == 1:
		return "\uFFFD", true
	case r == '\n':
		if oneLine {
			return " ", true
		}
		return "", false
	case r == '\t':
		return tabSpaces, true
	case r < 0x20:
		return string(rune(0x2400 + r)), true // Control Pictures: ␀ … ␟
	case r == 0x7f:
		return "␡", true
	case r >= 0x80 && r <= 0x9f:
		return string(otherControl), true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return string(otherControl), true
	case r == 0x200e || r == 0x200f || r == 0x061c:
		return "", true
	case r == 0x2028 || r == 0x2029:
		if oneLine {
			return " ", true
		}
		return "\n", true
	}
	return "", false
}
