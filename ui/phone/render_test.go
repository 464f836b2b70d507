package phone

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"crieur/message"
	"crieur/message/markup"
)

// Text that is hard to measure: emoji with a skin tone, a ZWJ family, a
// flag, a keycap, wide CJK, decomposed accents, Arabic and Hebrew, a long
// URL, a word longer than any row.
var hardTexts = map[string]string{
	"emoji":     "Merci 👍🏽 à toutes les familles 👨‍👩‍👧‍👦 venues fêter le 14 juillet 🇫🇷 ! Rendez-vous 1️⃣ an plus tard ❤️ 🙏🏿🙏🏿🙏🏿🙏🏿🙏🏿🙏🏿🙏🏿🙏🏿🙏🏿🙏🏿🙏🏿🙏🏿🙏🏿🙏🏿🙏🏿🙏🏿",
	"cjk":       "姉妹都市の皆さん、ようこそ！バルブール市役所は本日開庁しています。中文测试：欢迎光临我们的城市节日活动。",
	"combining": "Cafe\u0301 de\u0301place\u0301 a\u0300 la me\u0301diathe\u0300que — *re\u0301ouverture* lundi",
	"arabic":    "مرحبا بكم في مدينة فالبورغ. *المكتبة* مفتوحة يوم السبت. שלום לכולם, הספרייה פתוחה בשבת.",
	"url":       "Tout est là : https://www.valbourg.fr/actualites/2026/03/une-tres-longue-adresse-qui-ne-tient-sur-aucune-ligne_du_telephone?utm_source=whatsapp&utm_medium=chaine",
	"word":      "Anticonstitutionnellementanticonstitutionnellementanticonstitutionnellement !",
	"mono":      "```\n  indenté    avec   espaces\n```\nPuis `make test` et *gras _italique ~barré~_*",
	"blocks":    "> Une citation assez longue pour passer à la ligne\n* une puce assez longue pour passer à la ligne\n123456789. un numéro très long devant le texte",
	"spaces":    "     \n\n\n   a   b   \n",
	"extend":    "* 🏽 modifier after a bullet\n1. \u0301 accent after a number\n> \u200d joiner after a quote bar\n\u0600\u0600 prepend",
}

func TestRenderWidths(t *testing.T) {
	path := writePNG(t, 64, 40)
	for _, width := range []int{28, 38, 52} {
		rows, err := ImageBlock(mustRead(t, path), ImageWidth(width))
		if err != nil {
			t.Fatal(err)
		}
		for name, text := range hardTexts {
			for _, dark := range []bool{false, true} {
				for _, expanded := range []bool{false, true} {
					t.Run(fmt.Sprintf("%s/w%d/dark=%v/expanded=%v", name, width, dark, expanded), func(t *testing.T) {
						o := options(width, dark)
						o.Expanded = expanded
						o.ReadMore = 60
						o.Channel = "Ville de Valbourg 🇫🇷 — la chaîne officielle de la mairie"
						m := message.Message{Text: text, Card: message.Card{Title: text, Description: text, Domain: "valbourg.fr"}, Image: "x.png", Alt: text}
						checkFrame(t, Render(m, o), width)
						o.ImageRows = rows
						checkFrame(t, Render(m, o), width)
					})
				}
			}
		}
	}
}

func TestRenderWidthBounds(t *testing.T) {
	m := longMessage()
	for _, tt := range []struct{ asked, drawn int }{{0, DefaultWidth}, {-3, DefaultWidth}, {1, MinWidth}, {MinWidth, MinWidth}, {80, 80}} {
		o := options(tt.asked, true)
		checkFrame(t, Render(m, o), tt.drawn)
	}
}

func TestRenderShowsTheMessage(t *testing.T) {
	out := ansi.Strip(Render(longMessage(), options(38, true)))
	for _, want := range []string{
		"Ville de Valbourg", "12,4 k abonnés", "▐VV▌",
		"Alerte crue : la Saône monte", // the card's title, and the bold first line
		"valbourg.fr",
		"• parking des Quais",
		"┃ Ne descendez pas",
		"1. surélevez",
		"17:05", // 16:05 UTC in Paris
		"👍💚🙏",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("preview lacks %q:\n%s", want, out)
		}
	}
	for _, gone := range []string{"*Alerte", "_4,20 m_", "~ouvert~", "> Ne"} {
		if strings.Contains(out, gone) {
			t.Errorf("preview shows the marker in %q:\n%s", gone, out)
		}
	}
}

func TestRenderEnglish(t *testing.T) {
	o := options(38, false)
	o.Words = enWords
	out := strings.ReplaceAll(ansi.Strip(Render(longMessage(), o)), "\u00a0", " ")
	for _, want := range []string{"12.4K followers", "… Read more"} {
		if !strings.Contains(out, want) {
			t.Errorf("preview lacks %q:\n%s", want, out)
		}
	}
}

func TestReadMore(t *testing.T) {
	text := strings.Repeat("mot ", 30) + "fin"
	o := options(38, true)
	o.ReadMore = 50

	cut := ansi.Strip(Render(message.Message{Text: text}, o))
	if !strings.Contains(cut, "mot mot…") || strings.Contains(cut, "fin") {
		t.Errorf("cut preview:\n%s", cut)
	}
	if !strings.Contains(cut, "Lire\u00a0la\u00a0suite") {
		t.Errorf("no read-more link:\n%s", cut)
	}

	o.Expanded = true
	full := ansi.Strip(Render(message.Message{Text: text}, o))
	if !strings.Contains(full, "fin") || strings.Contains(full, "Lire") {
		t.Errorf("expanded preview:\n%s", full)
	}

	o.Expanded, o.ReadMore = false, 0
	if never := ansi.Strip(Render(message.Message{Text: text}, o)); strings.Contains(never, "Lire") {
		t.Errorf("ReadMore 0 cut the text:\n%s", never)
	}
}

func TestCutReadMore(t *testing.T) {
	label := "…more"
	tests := []struct {
		name, in string
		limit    int
		want     string
	}{
		{"short text is not cut", "un deux trois", 13, "un deux trois"},
		{"cut at the last space", "un deux trois", 9, "un deux{l:…more}"},
		{"cut after a space", "un deux trois", 8, "un deux{l:…more}"},
		{"a word longer than the limit is split", "anticonstitutionnellement", 5, "antic{l:…more}"},
		{"graphemes, not bytes", "👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦 x", 3, "👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦{l:…more}"},
		{"markers do not count", "*un* _deux_ trois", 9, "{b:un} {i:deux}{l:…more}"},
		{"a line break counts one", "un\ndeux\ntrois", 8, "un\ndeux{l:…more}"},
		{"no space on the line: end with the line before", "un\nanticonstitutionnellement", 6, "un{l:…more}"},
		{"block kept", "* un deux\n* trois", 7, "• un deux{l:…more}"},
		{"cut inside a block", "* un deux\n* trois quatre", 13, "• un deux\n• trois{l:…more}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := markup.Show(cutReadMore(markup.Parse(tt.in), tt.limit, label)); got != tt.want {
				t.Errorf("cut %q at %d:\n got %q\nwant %q", tt.in, tt.limit, got, tt.want)
			}
		})
	}
}

func TestTimeOnLastRow(t *testing.T) {
	o := options(38, true)
	out := strings.Split(ansi.Strip(Render(message.Message{Text: "Bonjour"}, o)), "\n")
	found := false
	for _, line := range out {
		if strings.Contains(line, "Bonjour") {
			found = strings.Contains(line, "17:05")
		}
	}
	if !found {
		t.Errorf("the time is not beside a short last row:\n%s", strings.Join(out, "\n"))
	}
	// Without a location the time's own is used.
	o.Loc = nil
	o.Time = time.Date(2026, 3, 12, 7, 45, 0, 0, time.UTC)
	if !strings.Contains(ansi.Strip(Render(message.Message{Text: "x"}, o)), "07:45") {
		t.Error("time not shown in its own location")
	}
}

func TestFollowers(t *testing.T) {
	tests := []struct {
		n      int
		fr, en string
	}{
		{0, "0 abonné", "0 followers"},
		{1, "1 abonné", "1 follower"},
		{999, "999 abonnés", "999 followers"},
		{1000, "1 k abonnés", "1K followers"},
		{12400, "12,4 k abonnés", "12.4K followers"},
		{12499, "12,4 k abonnés", "12.4K followers"},
		{999999, "999 k abonnés", "999K followers"},
		{1250000, "1,2 M abonnés", "1.2M followers"},
		{2000000000, "2 Md abonnés", "2B followers"},
		{-5, "0 abonné", "0 followers"},
	}
	for _, tt := range tests {
		if got := frWords.followers(tt.n); got != tt.fr {
			t.Errorf("fr %d: %q, want %q", tt.n, got, tt.fr)
		}
		if got := enWords.followers(tt.n); got != tt.en {
			t.Errorf("en %d: %q, want %q", tt.n, got, tt.en)
		}
	}
}

func TestAvatarInitials(t *testing.T) {
	for name, want := range map[string]string{
		"Ville de Valbourg":         "VV",
		"Mairie de Saint-Étienne":   "MS",
		"Métropole":                 "M",
		"ville de valbourg":         "VD",
		"élan citoyen":              "ÉC",
		"":                          "#",
		"🏛 !!!":                     "#",
		"東京都庁":                      "東",
		"Ville \x1b[31mde Valbourg": "VV",
	} {
		if got := avatarInitials(SanitizeLine(name)); got != want {
			t.Errorf("avatarInitials(%q) = %q, want %q", name, got, want)
		}
	}
}

// The goldens are the preview as a follower sees it: a long post cut by
// "Read more" and expanded, and a post with an image and emoji, at three
// widths in both phone themes. The *_text goldens are the same frames
// without colours, to review as screenshots.
func TestPreviewGolden(t *testing.T) {
	path := writePNG(t, 96, 64)
	image := message.Message{
		Text:  "☀️ *Fête des voisins* vendredi 🎉\n\nApportez un plat à partager 🥗🧁 et vos enfants 👧🏽👦🏻 : jeux, musique 🎶 et tombola jusqu'à 22 h.",
		Link:  "https://www.valbourg.fr/fete-des-voisins",
		Card:  message.Card{Title: "Fête des voisins 2026", Domain: "valbourg.fr"},
		Image: path,
		Alt:   "Des voisins autour d'une table dans une cour",
	}
	cases := []struct {
		name     string
		m        message.Message
		expanded bool
	}{
		{"long", longMessage(), false},
		{"long_expanded", longMessage(), true},
		{"image", image, false},
	}
	for _, tc := range cases {
		for _, width := range []int{30, 38, 52} {
			for _, dark := range []bool{true, false} {
				theme := "light"
				if dark {
					theme = "dark"
				}
				o := options(width, dark)
				o.Expanded = tc.expanded
				if tc.m.Image != "" {
					rows, err := ImageBlock(mustRead(t, tc.m.Image), ImageWidth(width))
					if err != nil {
						t.Fatal(err)
					}
					o.ImageRows = rows
				}
				out := Render(tc.m, o)
				t.Run(fmt.Sprintf("%s_w%d_%s", tc.name, width, theme), func(t *testing.T) {
					checkFrame(t, out, width)
					golden.RequireEqual(t, out)
				})
				if dark {
					t.Run(fmt.Sprintf("%s_w%d_text", tc.name, width), func(t *testing.T) {
						golden.RequireEqual(t, ansi.Strip(out))
					})
				}
			}
		}
	}
}

func TestCache(t *testing.T) {
	var c Cache
	m, o := longMessage(), options(38, true)
	first := c.Render(m, o)
	if first != Render(m, o) {
		t.Fatal("cached render differs from Render")
	}
	if c.Render(m, o) != first {
		t.Fatal("second cached render differs")
	}
	o2 := o
	o2.Dark = false
	if c.Render(m, o2) == first {
		t.Fatal("theme change served the cached frame")
	}
	m2 := m
	m2.Text = "!" + m2.Text
	if c.Render(m2, o) == first {
		t.Fatal("text change served the cached frame")
	}
	o3 := o
	o3.Time = o.Time.Add(time.Minute)
	if c.Render(m, o3) == first {
		t.Fatal("time change served the cached frame")
	}
	for w := range 100 { // more entries than the cache holds
		o4 := o
		o4.Width = 30 + w%40
		checkFrame(t, c.Render(m, o4), 30+w%40)
	}
}

func BenchmarkRender(b *testing.B) {
	m, o := longMessage(), options(38, true)
	o.Expanded = true
	b.ReportAllocs()
	for b.Loop() {
		_ = Render(m, o)
	}
}

func BenchmarkRenderCut(b *testing.B) {
	m, o := longMessage(), options(38, true)
	b.ReportAllocs()
	for b.Loop() {
		_ = Render(m, o)
	}
}

func BenchmarkRenderCached(b *testing.B) {
	var c Cache
	m, o := longMessage(), options(38, true)
	o.Expanded = true
	c.Render(m, o)
	b.ReportAllocs()
	for b.Loop() {
		_ = c.Render(m, o)
	}
}

func BenchmarkParse(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		_ = markup.Parse(longPost)
	}
}

// A number too wide to hang beside its text still shows, at the start of it.
func TestRenderWideNumber(t *testing.T) {
	out := ansi.Strip(Render(message.Message{Text: "123456789. texte du point"}, options(28, true)))
	if !strings.Contains(out, "123456789. texte") {
		t.Errorf("number lost:\n%s", out)
	}
}

func TestRenderStats(t *testing.T) {
	m := message.Message{Text: "La piscine rouvre lundi."}
	for _, width := range []int{MinWidth, 38} {
		o := options(width, true)
		o.Stats = &Stats{Views: 12_480, Reactions: []Reaction{{"👍", 30}, {"❤️", 12}, {"🙏", 3}, {"😮", 1}}}
		out := Render(m, o)
		checkFrame(t, out, width)
		plain := ansi.Strip(out)
		if !strings.Contains(plain, "46") || !strings.Contains(plain, "12,4 k vues") {
			t.Errorf("width %d: no total or views:\n%s", width, plain)
		}
		if width == 38 && !strings.Contains(plain, "👍❤️🙏 46") {
			t.Errorf("the three most given emoji are not in the pill:\n%s", plain)
		}
	}
	// Reactions come from the server: whatever they hold is drawn safe.
	o := options(38, false)
	o.Stats = &Stats{Views: 1, Reactions: []Reaction{{"\x1b]52;c;aGk=\a", 2}, {"", 1}}}
	out := Render(m, o)
	checkFrame(t, out, 38)
	if strings.Contains(out, "]52;") {
		t.Fatalf("an escape sequence from a reaction reached the frame:\n%q", out)
	}
}
