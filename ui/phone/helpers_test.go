package phone

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"crieur/message"
)

// longPost is a real-looking 1,500-character post: markup, emoji, a list,
// a quote and the link appended by message.Build.
const longPost = `🌊 *Alerte crue : la Saône monte* 🌊

Selon Vigicrues, la Saône devrait atteindre _4,20 m_ à l'échelle de Valbourg dans la nuit de jeudi à vendredi. Les quais bas seront fermés à la circulation dès mercredi 18 h.

*Ce qui change pour vous :*
- parking des Quais : ~ouvert~ *fermé* jusqu'à nouvel ordre 🚗
- navettes gratuites depuis le parc des Expositions, toutes les 10 min
- marché du jeudi déplacé place Jean-Jaurès 🧺

> Ne descendez pas sur les berges, même à pied. Les courants sont forts et l'eau monte vite.

*Si vous habitez en zone inondable :*
1. surélevez vos meubles et vos appareils électriques
2. coupez le gaz et l'électricité si l'eau approche
3. gardez une lampe, de l'eau et vos médicaments à portée de main

Une cellule d'écoute est ouverte au ` + "`03 00 00 00 00`" + ` de 8 h à 20 h. Les agents de la ville passeront dans les rues concernées pour prévenir chaque foyer 👨‍👩‍👧‍👦.

Merci aux bénévoles de la Croix-Rouge et aux services techniques, mobilisés depuis lundi 🙏🏽. Nous publierons un point de situation chaque matin à 9 h sur cette chaîne.

Restez prudents, et partagez ce message avec vos voisins qui ne sont pas sur WhatsApp.

https://www.valbourg.fr/actualites/alerte_crue_saone`

func longMessage() message.Message {
	return message.Message{
		Text: longPost,
		Link: "https://www.valbourg.fr/actualites/alerte_crue_saone",
		Card: message.Card{
			Title:       "Alerte crue : la Saône monte",
			Description: "Quais fermés, navettes gratuites et consignes de sécurité.",
			Domain:      "valbourg.fr",
		},
	}
}

var paris = mustLocation("Europe/Paris")

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

func options(width int, dark bool) Options {
	return Options{
		Width:     width,
		Dark:      dark,
		ReadMore:  700,
		Channel:   "Ville de Valbourg",
		Followers: 12400,
		Time:      time.Date(2026, 3, 12, 16, 5, 0, 0, time.UTC),
		Loc:       paris,
		Words:     frWords,
	}
}

// checkFrame fails unless every line of a preview is exactly width cells.
func checkFrame(t testing.TB, out string, width int) {
	t.Helper()
	for i, line := range strings.Split(out, "\n") {
		if w := ansi.StringWidth(line); w != width {
			t.Errorf("line %d is %d cells, want %d: %q", i, w, width, ansi.Strip(line))
		}
	}
}

// checkSafe fails if anything in a preview could act on the terminal other
// than the renderer's own colour sequences: once those are stripped, no
// control character but "\n" may remain, nor any C1 control; and every
// escape sequence left in the output must be an SGR of the renderer's own
// shape.
func checkSafe(t testing.TB, out string) {
	t.Helper()
	plain := ansi.Strip(out)
	for i, r := range plain {
		if r < 0x20 && r != '\n' || r == 0x7f || r >= 0x80 && r <= 0x9f {
			t.Fatalf("control U+%04X at %d after stripping styles: %q", r, i, plain)
		}
	}
	if !utf8.ValidString(out) {
		t.Fatalf("output is not valid UTF-8")
	}
	for i := 0; i < len(out); i++ {
		if out[i] != 0x1b {
			continue
		}
		j := i + 1
		if j >= len(out) || out[j] != '[' {
			t.Fatalf("escape that is not a CSI at %d: %q", i, out[i:min(len(out), i+20)])
		}
		j++
		for j < len(out) && (out[j] >= '0' && out[j] <= '9' || out[j] == ';') {
			j++
		}
		if j >= len(out) || out[j] != 'm' {
			t.Fatalf("escape that is not an SGR at %d: %q", i, out[i:min(len(out), j+10)])
		}
		i = j
	}
}

// writePNG writes a deterministic test picture: a sky gradient, a sun and
// green ground.
func writePNG(t testing.TB, w, h int) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.NRGBA{R: uint8(40 + 100*y/h), G: uint8(120 + 80*y/h), B: 230, A: 255}
			if y > h*2/3 {
				c = color.NRGBA{R: 40, G: uint8(140 + 40*x/w), B: 60, A: 255}
			}
			if dx, dy := x-w*3/4, y-h/4; dx*dx+dy*dy < (h/6)*(h/6) {
				c = color.NRGBA{R: 250, G: 210, B: 60, A: 255}
			}
			img.SetNRGBA(x, y, c)
		}
	}
	path := filepath.Join(t.TempDir(), "picture.png")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// The phone's words as the desk's catalogue gives them (ui/i18n imports
// this package, so its tests cannot import the catalogue).
var (
	frWords = Words{
		ReadMore: "Lire la suite", ImageMissing: "image introuvable",
		Follower: " abonné", Followers: " abonnés",
		Point: ",", Thousand: " k", Million: " M", Billion: " Md", ZeroSingular: true, Views: "%s vues",
	}
	enWords = Words{
		ReadMore: "Read more", ImageMissing: "image not found",
		Follower: " follower", Followers: " followers",
		Point: ".", Thousand: "K", Million: "M", Billion: "B",
	}
)

// pngOf is the bytes of a w×h PNG as writePNG paints it.
func pngOf(t testing.TB, w, h int) []byte { return mustRead(t, writePNG(t, w, h)) }

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
