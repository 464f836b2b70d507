package phone

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"crieur/message"
	"crieur/picture/picturetest"
)

func TestImageBlock(t *testing.T) {
	tests := []struct {
		name          string
		w, h, cells   int
		width, height int // drawn, in cells
	}{
		{"landscape fills the width", 80, 40, 20, 20, 5},
		{"small image is scaled up", 4, 2, 20, 20, 5},
		{"portrait is capped in height", 10, 100, 30, 2, MaxImageRows},
		{"square", 50, 50, 24, 24, MaxImageRows},
		{"odd height rounds to whole cells", 30, 9, 10, 10, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, err := ImageBlock(pngOf(t, tt.w, tt.h), tt.cells)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != tt.height {
				t.Errorf("%d rows, want %d", len(rows), tt.height)
			}
			for i, r := range rows {
				if w := ansi.StringWidth(r); w != tt.width {
					t.Errorf("row %d is %d cells, want %d", i, w, tt.width)
				}
				if plain := ansi.Strip(r); strings.Trim(plain, "▀") != "" {
					t.Errorf("row %d draws more than half blocks: %q", i, plain)
				}
				checkSafe(t, r)
			}
		})
	}
}

func TestImageBlockColours(t *testing.T) {
	rows, err := ImageBlock(pngOf(t, 40, 40), 8)
	if err != nil {
		t.Fatal(err)
	}
	// Sky at the top left, ground at the bottom left, as writePNG paints them.
	if !strings.HasPrefix(rows[0], "\x1b[38;2;") || !strings.Contains(rows[0], ";230;48;2;") {
		t.Errorf("top row is not sky blue: %q", rows[0][:40])
	}
	if last := rows[len(rows)-1]; !strings.HasPrefix(last, "\x1b[38;2;40;") {
		t.Errorf("bottom row is not green ground: %q", last[:40])
	}
}

func TestImageBlockFailures(t *testing.T) {
	for name, data := range map[string][]byte{
		"nothing":            nil,
		"undecodable":        []byte("\x1b]52;c;not an image\x07"),
		"a PNG cut short":    pngOf(t, 10, 10)[:40],
		"7000×7000 promised": picturetest.PNGHeader(7000, 7000),
	} {
		if rows, err := ImageBlock(data, 20); err == nil || rows != nil {
			t.Errorf("%s: rows %d, err %v", name, len(rows), err)
		}
	}
	if _, err := ImageBlock(pngOf(t, 10, 10), 0); err == nil {
		t.Error("width 0 accepted")
	}
}

// A missing or undecodable image draws a placeholder with the alt text, or
// words saying it is missing, and the frame keeps its width.
func TestRenderImagePlaceholder(t *testing.T) {
	m := message.Message{Text: "Texte", Image: "/nowhere/photo.jpg", Alt: "La nouvelle médiathèque vue depuis le parc"}
	for _, width := range []int{28, 38, 52} {
		out := Render(m, options(width, true))
		checkFrame(t, out, width)
		if plain := ansi.Strip(out); !strings.Contains(plain, "📷 La nouvelle") {
			t.Errorf("no placeholder with the alt text:\n%s", plain)
		}
	}
	m.Alt = ""
	if plain := ansi.Strip(Render(m, options(38, true))); !strings.Contains(plain, "📷 image introuvable") {
		t.Errorf("no placeholder without alt text:\n%s", plain)
	}
	o := options(38, true)
	o.Words = enWords
	if plain := ansi.Strip(Render(m, o)); !strings.Contains(plain, "📷 image not found") {
		t.Errorf("no English placeholder:\n%s", plain)
	}
}

// Rows decoded for another width are cut to the bubble, not allowed to
// push the frame.
func TestRenderImageRowsTooWide(t *testing.T) {
	rows, err := ImageBlock(pngOf(t, 80, 40), 60)
	if err != nil {
		t.Fatal(err)
	}
	o := options(30, false)
	o.ImageRows = rows
	checkFrame(t, Render(message.Message{Text: "x", Image: "x.png"}, o), 30)
}

// Rows that ImageBlock did not draw are not drawn: the placeholder is.
func TestRenderRefusesForeignImageRows(t *testing.T) {
	o := options(38, true)
	for _, rows := range [][]string{
		{"\x1b]52;c;UEFZTE9BRA==\x07"},
		{"▀▀▀\x1b[2J"},
		{"plain text"},
		{"\x1b[38;2;1;2;3m▀\x1b[m", "\x1b[31"},
	} {
		o.ImageRows = rows
		out := Render(message.Message{Text: "x", Image: "x.png", Alt: "une photo"}, o)
		checkFrame(t, out, 38)
		checkSafe(t, out)
		if !strings.Contains(ansi.Strip(out), "📷 une photo") {
			t.Errorf("rows %q drawn instead of the placeholder", rows)
		}
	}
}
