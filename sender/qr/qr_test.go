package qr

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestLinesAreSquareWithAQuietZone(t *testing.T) {
	code := "2@" + strings.Repeat("AbCdEfGh", 30) + ",base64key=,another="
	lines := Lines(code)
	if len(lines) == 0 {
		t.Fatal("no lines")
	}
	width := utf8.RuneCountInString(lines[0])
	if want := (width + 1) / 2; len(lines) != want {
		t.Errorf("%d lines for %d columns, want %d", len(lines), width, want)
	}
	for i, l := range lines {
		if n := utf8.RuneCountInString(l); n != width {
			t.Fatalf("line %d is %d wide, want %d", i, n, width)
		}
	}
	// The quiet zone: the first line is light on top (QuietZone >= 2), and
	// the first and last columns are light all the way down.
	if strings.Trim(lines[0], " ") != "" {
		t.Errorf("first line is not blank: %q", lines[0])
	}
	for i, l := range lines {
		r := []rune(l)
		if r[0] != ' ' || r[len(r)-1] != ' ' {
			t.Fatalf("line %d touches the edge: %q", i, l)
		}
	}
	// The top-left finder pattern: a dark row of seven modules over a
	// row dark only at its ends, just inside the quiet zone.
	if want := strings.Repeat(" ", QuietZone) + "█▀▀▀▀▀█"; !strings.HasPrefix(lines[QuietZone/2], want) {
		t.Errorf("no finder pattern on line %d: %q", QuietZone/2, lines[QuietZone/2])
	}
}

func TestANSIPaintsBlackOnWhite(t *testing.T) {
	for _, l := range ANSI("hello") {
		if !strings.HasPrefix(l, "\x1b[30;107m") || !strings.HasSuffix(l, "\x1b[0m") {
			t.Fatalf("unpainted line %q", l)
		}
	}
}
