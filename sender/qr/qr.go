// Package qr draws a QR code with half-block characters, two rows of
// modules per line of text, for the WhatsApp link screen of the desk and
// for `crieur whatsapp link`.
package qr

import (
	"strings"

	"rsc.io/qr"
)

// QuietZone is the margin of light modules around the code, in modules.
// The standard asks for four; phones read a code with less, but a dark
// terminal right against the code confuses some of them.
const QuietZone = 2

// Lines draws code as text: "█" is two dark modules, "▀" a dark one above
// a light one, "▄" the reverse and a space two light ones, quiet zone
// included. The caller paints the lines dark on light (black foreground on
// a white background) whatever the terminal's colours: a phone reads a
// dark code on a light ground. A code that cannot be encoded gives no
// lines.
func Lines(code string) []string {
	c, err := qr.Encode(code, qr.L)
	if err != nil {
		return nil
	}
	size := c.Size + 2*QuietZone
	dark := func(x, y int) bool {
		x, y = x-QuietZone, y-QuietZone
		return x >= 0 && y >= 0 && x < c.Size && y < c.Size && c.Black(x, y)
	}
	lines := make([]string, 0, (size+1)/2)
	var b strings.Builder
	for y := 0; y < size; y += 2 {
		b.Reset()
		for x := 0; x < size; x++ {
			top, bottom := dark(x, y), y+1 < size && dark(x, y+1)
			switch {
			case top && bottom:
				b.WriteString("█")
			case top:
				b.WriteString("▀")
			case bottom:
				b.WriteString("▄")
			default:
				b.WriteByte(' ')
			}
		}
		lines = append(lines, b.String())
	}
	return lines
}

// ANSI is Lines painted black on white with escape sequences, for a
// terminal the caller writes to directly (the command line).
func ANSI(code string) []string {
	lines := Lines(code)
	for i, l := range lines {
		lines[i] = "\x1b[30;107m" + l + "\x1b[0m"
	}
	return lines
}
