package phone

import (
	"testing"

	"crieur/message"
	"crieur/message/markup"
)

// FuzzRender draws arbitrary messages: it must never panic, never draw a
// line of another width than the frame's, and never let anything of the
// input act on the terminal (checkSafe).
func FuzzRender(f *testing.F) {
	seeds := []string{
		"", "*a**b*c*", "**Text**", "The *quick _brown* fox_", "```a\n*b*\n```", "`x` ~y~ _z_",
		"> q\n* b\n- c\n12. n", hostile, longPost,
	}
	for _, s := range hardTexts {
		seeds = append(seeds, s)
	}
	for i, s := range seeds {
		f.Add(s, "Ville de Valbourg", "Titre", "alt", uint8(38), uint8(i))
	}
	f.Fuzz(func(t *testing.T, text, channel, title, alt string, width, flags uint8) {
		o := options(int(width)%70, flags&1 != 0)
		o.Expanded = flags&2 != 0
		o.ReadMore = int(flags >> 2)
		o.Channel = channel
		m := message.Message{Text: text, Card: message.Card{Title: title, Description: alt, Domain: channel}, Alt: alt}
		if flags&4 != 0 {
			m.Image = "missing.png"
		}
		out := Render(m, o)
		checkFrame(t, out, o.normalized().Width)
		checkSafe(t, out)
		_ = markup.Parse(text)
	})
}
