package phone

import (
	"image/color"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/message/markup"
)

// palette is every colour the phone uses. The phone has its own light and
// dark themes, close to WhatsApp's, whatever the terminal's theme: the
// preview shows what a follower's phone shows. Every text colour reads at
// WCAG AA (4.5:1) on the background it is drawn on, so a few greys, the
// links and the avatar's green are a shade darker than WhatsApp's.
type palette struct {
	screen   color.Color // chat background
	bar      color.Color // status bar and channel header
	bubble   color.Color
	card     color.Color // link card and image placeholder, inside the bubble
	codeBg   color.Color // `inline code`
	text     color.Color
	muted    color.Color // follower count, time, domain, description
	mono     color.Color // ```monospace``` and `inline code`
	link     color.Color
	accent   color.Color // avatar
	onAccent color.Color
	frame    color.Color // the phone's edge
}

// The only colour literals of the package.
func paletteFor(dark bool) palette {
	if dark {
		return palette{
			screen:   lipgloss.Color("#0b141a"),
			bar:      lipgloss.Color("#202c33"),
			bubble:   lipgloss.Color("#1f2c34"),
			card:     lipgloss.Color("#182229"),
			codeBg:   lipgloss.Color("#111b21"),
			text:     lipgloss.Color("#e9edef"),
			muted:    lipgloss.Color("#8696a0"),
			mono:     lipgloss.Color("#c4d0d6"),
			link:     lipgloss.Color("#53bdeb"),
			accent:   lipgloss.Color("#008069"),
			onAccent: lipgloss.Color("#ffffff"),
			frame:    lipgloss.Color("#54656f"),
		}
	}
	return palette{
		screen:   lipgloss.Color("#efeae2"),
		bar:      lipgloss.Color("#f0f2f5"),
		bubble:   lipgloss.Color("#ffffff"),
		card:     lipgloss.Color("#f0f2f5"),
		codeBg:   lipgloss.Color("#e9edef"),
		text:     lipgloss.Color("#111b21"),
		muted:    lipgloss.Color("#54656f"),
		mono:     lipgloss.Color("#3b4a54"),
		link:     lipgloss.Color("#0271a6"),
		accent:   lipgloss.Color("#008069"),
		onAccent: lipgloss.Color("#ffffff"),
		frame:    lipgloss.Color("#8696a0"),
	}
}

// Style bits of a span, indexing the theme's text pens.
const (
	styleBold uint8 = 1 << iota
	styleItalic
	styleStrike
	styleMono
	styleCode
	styleLink
)

// theme holds the pens of one phone theme: the SGR sequence that starts
// each style, compiled once from lipgloss styles. Drawing then writes a pen
// before each run of text instead of calling Style.Render per fragment,
// which keeps a whole preview well under a millisecond.
//
// Every pen starts by resetting all attributes, so runs never inherit
// each other's bold or strike.
type theme struct {
	frame string // the phone's edge, on the terminal's own background

	bar, clock, signal       string // status bar
	title, followers         string // channel header
	avatar, avatarEdge, back string

	screen, tail string

	bubble, time string
	text         [styleLink << 1]string // indexed by a span's style bits
	quoteBar     string
	marker       string // bullet and number

	card, cardTitle, cardDescription, cardDomain string
	placeholder                                  string

	pill, pillCount string
}

func newTheme(dark bool) *theme {
	c := paletteFor(dark)
	on := func(bg color.Color) lipgloss.Style { return lipgloss.NewStyle().Background(bg) }
	bar, screen, bubble, card := on(c.bar), on(c.screen), on(c.bubble), on(c.card)

	t := &theme{
		frame:      Pen(lipgloss.NewStyle().Foreground(c.frame)),
		bar:        Pen(bar),
		clock:      Pen(bar.Foreground(c.text).Bold(true)),
		signal:     Pen(bar.Foreground(c.text)),
		title:      Pen(bar.Foreground(c.text).Bold(true)),
		followers:  Pen(bar.Foreground(c.muted)),
		avatar:     Pen(on(c.accent).Foreground(c.onAccent).Bold(true)),
		avatarEdge: Pen(bar.Foreground(c.accent)),
		back:       Pen(bar.Foreground(c.text)),

		screen: Pen(screen),
		tail:   Pen(screen.Foreground(c.bubble)),

		bubble:   Pen(bubble),
		time:     Pen(bubble.Foreground(c.muted)),
		quoteBar: Pen(bubble.Foreground(c.muted)),
		marker:   Pen(bubble.Foreground(c.text)),

		card:            Pen(card),
		cardTitle:       Pen(card.Foreground(c.text).Bold(true)),
		cardDescription: Pen(card.Foreground(c.muted)),
		cardDomain:      Pen(card.Foreground(c.muted)),
		placeholder:     Pen(card.Foreground(c.muted).Italic(true)),

		pill:      Pen(bubble.Foreground(c.text)),
		pillCount: Pen(bubble.Foreground(c.muted)),
	}
	text := bubble.Foreground(c.text)
	for bits := range t.text {
		st := text.
			Bold(uint8(bits)&styleBold != 0).
			Italic(uint8(bits)&styleItalic != 0).
			Strikethrough(uint8(bits)&styleStrike != 0)
		if uint8(bits)&(styleMono|styleCode) != 0 {
			st = st.Foreground(c.mono)
		}
		if uint8(bits)&styleCode != 0 {
			st = st.Background(c.codeBg)
		}
		if uint8(bits)&styleLink != 0 {
			st = st.Foreground(c.link)
		}
		t.text[bits] = Pen(st)
	}
	return t
}

// spanPen is the pen of a span of the message text.
func (t *theme) spanPen(s markup.Span) string {
	var bits uint8
	for _, f := range [...]struct {
		on  bool
		bit uint8
	}{
		{s.Bold, styleBold}, {s.Italic, styleItalic}, {s.Strike, styleStrike},
		{s.Mono, styleMono}, {s.Code, styleCode}, {s.Link, styleLink},
	} {
		if f.on {
			bits |= f.bit
		}
	}
	return t.text[bits]
}

// Pen compiles a lipgloss style to the SGR sequence that starts it.
func Pen(st lipgloss.Style) string {
	s := ansi.NewStyle().Reset()
	if st.GetBold() {
		s = s.Bold()
	}
	if st.GetFaint() {
		s = s.Faint()
	}
	if st.GetItalic() {
		s = s.Italic(true)
	}
	if st.GetUnderline() {
		s = s.Underline(true)
	}
	if st.GetStrikethrough() {
		s = s.Strikethrough(true)
	}
	if fg := st.GetForeground(); !isNoColor(fg) {
		s = s.ForegroundColor(fg)
	}
	if bg := st.GetBackground(); !isNoColor(bg) {
		s = s.BackgroundColor(bg)
	}
	return s.String()
}

func isNoColor(c color.Color) bool {
	_, none := c.(lipgloss.NoColor)
	return c == nil || none
}

// The two themes, built once when the package loads and only read after.
var themes = [2]*theme{newTheme(false), newTheme(true)}

func themeFor(dark bool) *theme {
	if dark {
		return themes[1]
	}
	return themes[0]
}
