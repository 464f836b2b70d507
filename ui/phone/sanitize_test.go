package phone

import (
	"strings"
	"testing"

	"crieur/message"
)

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want, line string }{
		{"plain text", "plain text", "plain text"},
		{"deux\nlignes", "deux\nlignes", "deux lignes"},
		{"\x1b[31mrouge\x1b[0m", "␛[31mrouge␛[0m", "␛[31mrouge␛[0m"},
		{"\x1b]52;c;SGVsbG8=\x07", "␛]52;c;SGVsbG8=␇", "␛]52;c;SGVsbG8=␇"},
		{"a\tb", "a    b", "a    b"},
		{"nul\x00 del\x7f", "nul␀ del␡", "nul␀ del␡"},
		{"cr\r\n", "cr␍\n", "cr␍ "},
		{"csi \u009b31m", "csi ⍰31m", "csi ⍰31m"},
		{"raw \x9b31m", "raw \uFFFD31m", "raw \uFFFD31m"},
		{"nel \u0085", "nel ⍰", "nel ⍰"},
		{"\u202eevil\u202c", "⍰evil⍰", "⍰evil⍰"},
		{"iso \u2066x\u2069", "iso ⍰x⍰", "iso ⍰x⍰"},
		{"marks \u200fשלום\u200e \u061cب", "marks שלום ب", "marks שלום ب"},
		{"para\u2029graphe", "para\ngraphe", "para graphe"},
		{"emoji 👨‍👩‍👧‍👦 zwj kept", "emoji 👨‍👩‍👧‍👦 zwj kept", "emoji 👨‍👩‍👧‍👦 zwj kept"},
		{"fffd \uFFFD kept", "fffd \uFFFD kept", "fffd \uFFFD kept"},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := SanitizeLine(tt.in); got != tt.line {
			t.Errorf("SanitizeLine(%q) = %q, want %q", tt.in, got, tt.line)
		}
	}
}

func TestSanitizeDoesNotCopyCleanText(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = Sanitize(longPost) }); n != 0 {
		t.Errorf("Sanitize allocated %v times on clean text", n)
	}
}

// hostile is text that tries to act on the terminal: colours, an OSC 52
// clipboard write, a bell, an 8-bit CSI (as a raw byte and as U+009B), a
// title change, bidi overrides, a cursor move and a screen clear.
const hostile = "\x1b[31mROUGE\x1b[0m \x1b]52;c;UEFZTE9BRA==\x07 \x07\x07 \x9b2J \u009b2J " +
	"\x1b]0;titre\x1b\\ \u202eesrever\u202c \u2067iso\u2069 \x1b[H\x1b[2J \x1bP+q\x1b\\ \x1b_apc\x1b\\ \x90dcs\x9c fin"

func TestRenderHostileInput(t *testing.T) {
	m := message.Message{
		Text:  "*" + hostile + "*\n> " + hostile + "\n```" + hostile + "```",
		Link:  hostile,
		Card:  message.Card{Title: hostile, Description: hostile, Domain: hostile},
		Image: hostile,
		Alt:   hostile,
	}
	for _, width := range []int{28, 38, 52} {
		for _, dark := range []bool{false, true} {
			o := options(width, dark)
			o.Channel = hostile
			o.Expanded = true
			out := Render(m, o)
			checkFrame(t, out, width)
			checkSafe(t, out)
			for _, payload := range []string{"\x1b[31m", "\x1b]52", "\x1b]0;", "\x1b[H", "\x1b[2J", "\x1bP", "\x1b_", "\x07"} {
				if strings.Contains(out, payload) {
					t.Fatalf("the input's %q reached the output", payload)
				}
			}
			for _, shown := range []string{"␛[31mROUGE", "␛]52;c;UEFZTE9BRA==␇", "⍰esrever⍰"} {
				if !strings.Contains(out, shown) {
					t.Errorf("the preview does not show %q", shown)
				}
			}
		}
	}
}
