package phone

import (
	"image/color"
	"reflect"
	"regexp"
	"strconv"
	"testing"

	"crieur/internal/wcag"
)

// decoration are the pens that draw no text: the phone's edge, the
// bubble's tail, the avatar's rounded edge, a quote's bar, and the
// backgrounds alone.
var decoration = map[string]bool{
	"frame": true, "tail": true, "avatarEdge": true, "quoteBar": true,
	"bar": true, "screen": true, "bubble": true, "card": true,
}

var (
	fgColour = regexp.MustCompile(`(?:^|;)38;2;(\d+);(\d+);(\d+)`)
	bgColour = regexp.MustCompile(`(?:^|;)48;2;(\d+);(\d+);(\d+)`)
)

// TestTextContrast reads the colours out of every pen of both phone
// themes, as the terminal receives them: each pen that writes text has a
// contrast of at least 4.5:1 with the background it sets.
func TestTextContrast(t *testing.T) {
	for _, dark := range []bool{false, true} {
		th := reflect.ValueOf(*newTheme(dark))
		for i := range th.NumField() {
			name := th.Type().Field(i).Name
			f := th.Field(i)
			pens := []string{}
			switch f.Kind() {
			case reflect.String:
				pens = append(pens, f.String())
			case reflect.Array:
				for j := range f.Len() {
					pens = append(pens, f.Index(j).String())
				}
			}
			if decoration[name] {
				continue
			}
			for _, pen := range pens {
				fg, bg := rgb(fgColour, pen), rgb(bgColour, pen)
				if fg == nil || bg == nil {
					t.Errorf("dark=%v %s: a text pen without its colours: %q", dark, name, pen)
					continue
				}
				if c := wcag.Contrast(fg, bg); c < wcag.AA {
					t.Errorf("dark=%v %s: %v on %v is %.2f:1", dark, name, fg, bg, c)
				}
			}
		}
	}
}

func rgb(re *regexp.Regexp, pen string) color.Color {
	m := re.FindStringSubmatch(pen)
	if m == nil {
		return nil
	}
	v := [3]uint8{}
	for i := range v {
		n, _ := strconv.Atoi(m[i+1])
		v[i] = uint8(n)
	}
	return color.RGBA{v[0], v[1], v[2], 255}
}
