package ui

import (
	"image/color"
	"reflect"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/help"
	markdown "charm.land/glamour/v2/ansi"
	"charm.land/glamour/v2/styles"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/store"
	"crieur/ui/phone"
)

// Styles is every look of the desk, built for a light or a dark terminal.
// No colour is written anywhere else in the ui package.
type Styles struct {
	Dark bool

	App, Brand, Channel, Muted, Faint, Bold lipgloss.Style
	Tab, TabActive, TabCount                lipgloss.Style
	Header, Row, RowSelected, Cursor        lipgloss.Style
	Status                                  map[store.Status]lipgloss.Style
	Sample, Problem, Warning, Error, OK     lipgloss.Style
	Filter, FilterActive                    lipgloss.Style
	Label, LabelFocused, Field, Hint        lipgloss.Style
	Pane, PaneFocused, PaneTitle            lipgloss.Style
	Rule, Message, Confirm, HelpKey         lipgloss.Style
	HelpDesc, HelpSection, Bar              lipgloss.Style
	TextareaFocusedBase, TextareaBase       lipgloss.Style
	Accent, Subtle                          color.Color
	Help                                    help.Styles // keys on the footer and the help screen

	// Backgrounds are the terminal backgrounds the theme is made for, from
	// the plain white or black to the greys of common terminal themes:
	// every text colour reads at WCAG AA (4.5:1) on each of them.
	Backgrounds []color.Color
	// Markdown renders the notes in the desk's colours.
	Markdown markdown.StyleConfig
}

// palette is the desk's colours for one kind of terminal background, as
// #rrggbb. Text colours (all but line and selBg) read at 4.5:1 or more on
// every background of the theme; line is for rules and borders only.
type palette struct {
	text, muted, faint, line, accent, selBg string
	warn, bad, good, info, violet           string
	backgrounds                             []string
}

func paletteFor(isDark bool) palette {
	if isDark {
		return palette{
			text: "#e6e6e6", muted: "#a8b1ba", faint: "#959ca5", line: "#484f58",
			accent: "#25d0a5", selBg: "#1d3b35",
			warn: "#e3b341", bad: "#ff7b72", good: "#56d364", info: "#79c0ff", violet: "#d2a8ff",
			backgrounds: []string{"#000000", "#1e1e1e", "#282c34"},
		}
	}
	return palette{
		text: "#1f2328", muted: "#59636e", faint: "#687078", line: "#afb8c1",
		accent: "#0f7b6c", selBg: "#dceee9",
		warn: "#9a6700", bad: "#cf222e", good: "#1a7f37", info: "#0969da", violet: "#8250df",
		backgrounds: []string{"#ffffff", "#fafafa"},
	}
}

// NewStyles builds the styles for a terminal's background.
func NewStyles(isDark bool) Styles {
	p := paletteFor(isDark)
	var (
		text    = lipgloss.Color(p.text)
		muted   = lipgloss.Color(p.muted)
		faint   = lipgloss.Color(p.faint)
		line    = lipgloss.Color(p.line)
		accent  = lipgloss.Color(p.accent)
		selBg   = lipgloss.Color(p.selBg)
		warn    = lipgloss.Color(p.warn)
		bad     = lipgloss.Color(p.bad)
		good    = lipgloss.Color(p.good)
		info    = lipgloss.Color(p.info)
		violet  = lipgloss.Color(p.violet)
		plain   = lipgloss.NewStyle().Foreground(text)
		boldTxt = plain.Bold(true)
	)
	badge := func(c color.Color) lipgloss.Style { return lipgloss.NewStyle().Foreground(c) }
	s := Styles{
		Dark:    isDark,
		App:     plain,
		Brand:   lipgloss.NewStyle().Foreground(accent).Bold(true),
		Channel: boldTxt,
		Muted:   lipgloss.NewStyle().Foreground(muted),
		Faint:   lipgloss.NewStyle().Foreground(faint),
		Bold:    boldTxt,

		Tab:       plain,
		TabActive: lipgloss.NewStyle().Foreground(accent).Bold(true).Underline(true),
		TabCount:  lipgloss.NewStyle().Foreground(muted),

		Header:      lipgloss.NewStyle().Foreground(muted).Bold(true),
		Row:         plain,
		RowSelected: lipgloss.NewStyle().Foreground(text).Background(selBg).Bold(true),
		Cursor:      lipgloss.NewStyle().Foreground(accent).Bold(true),
		Status: map[store.Status]lipgloss.Style{
			store.StatusIdea:      badge(muted),
			store.StatusDraft:     badge(info),
			store.StatusReady:     badge(warn),
			store.StatusValidated: badge(good),
			store.StatusPlanned:   badge(violet),
			store.StatusSending:   badge(info).Bold(true),
			store.StatusSent:      badge(accent),
			store.StatusFailed:    badge(bad).Bold(true),
			store.StatusUnknown:   badge(bad).Bold(true),
			store.StatusArchived:  badge(faint),
		},
		Sample:  lipgloss.NewStyle().Foreground(muted).Italic(true),
		Problem: lipgloss.NewStyle().Foreground(warn).Bold(true),
		Warning: lipgloss.NewStyle().Foreground(warn),
		Error:   lipgloss.NewStyle().Foreground(bad).Bold(true),
		OK:      lipgloss.NewStyle().Foreground(good),

		Filter:       lipgloss.NewStyle().Foreground(muted),
		FilterActive: lipgloss.NewStyle().Foreground(accent).Bold(true),

		Label:        lipgloss.NewStyle().Foreground(muted),
		LabelFocused: lipgloss.NewStyle().Foreground(accent).Bold(true),
		Field:        plain,
		Hint:         lipgloss.NewStyle().Foreground(muted).Italic(true),

		Pane:        lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(line).Padding(0, 1),
		PaneFocused: lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		PaneTitle:   lipgloss.NewStyle().Foreground(muted).Bold(true),

		Rule:        lipgloss.NewStyle().Foreground(line),
		Message:     lipgloss.NewStyle().Foreground(accent),
		Confirm:     lipgloss.NewStyle().Foreground(warn).Bold(true),
		HelpKey:     lipgloss.NewStyle().Foreground(accent),
		HelpDesc:    lipgloss.NewStyle().Foreground(muted),
		HelpSection: boldTxt.Underline(true),
		Bar:         lipgloss.NewStyle().Foreground(accent),

		TextareaFocusedBase: plain,
		TextareaBase:        plain,
		Accent:              accent,
		Subtle:              muted,
		Markdown:            markdownStyle(isDark, p),
	}
	for _, bg := range p.backgrounds {
		s.Backgrounds = append(s.Backgrounds, lipgloss.Color(bg))
	}
	s.Help = help.Styles{
		ShortKey: s.HelpKey, ShortDesc: s.HelpDesc, ShortSeparator: s.Faint, Ellipsis: s.Faint,
		FullKey: s.HelpKey, FullDesc: s.HelpDesc, FullSeparator: s.Faint,
	}
	return s
}

// Form is the look of a huh form (the setup) in the desk's colours:
// huh's base layout, the focused field marked with the accent, its title
// like a focused label, help and placeholders muted, errors red.
func (s *Styles) Form() *huh.Styles {
	f := huh.ThemeBase(s.Dark)
	fg := func(st lipgloss.Style, like lipgloss.Style) lipgloss.Style {
		return st.Foreground(like.GetForeground()).Bold(like.GetBold()).Italic(like.GetItalic())
	}
	f.Group.Title = fg(f.Group.Title, s.Bold).MarginBottom(1)
	f.Group.Description = fg(f.Group.Description, s.Muted)
	for _, st := range []*huh.FieldStyles{&f.Focused, &f.Blurred} {
		st.Base = st.Base.BorderForeground(s.Accent)
		st.Title = fg(st.Title, s.Label)
		st.Description = fg(st.Description, s.Muted)
		st.ErrorIndicator = fg(st.ErrorIndicator, s.Error)
		st.ErrorMessage = fg(st.ErrorMessage, s.Error)
		st.TextInput.Text = fg(st.TextInput.Text, s.App)
		st.TextInput.Placeholder = fg(st.TextInput.Placeholder, s.Faint)
		st.TextInput.Prompt = fg(st.TextInput.Prompt, s.Cursor)
		st.TextInput.Cursor = fg(st.TextInput.Cursor, s.Cursor)
		st.TextInput.CursorText = fg(st.TextInput.CursorText, s.App)
	}
	f.Focused.Title = fg(f.Focused.Title, s.LabelFocused)
	f.Help = s.Help
	return f
}

// markdownStyle is glamour's standard style for the background with the
// desk's colours: headings in the accent, links in blue, quotes and rules
// muted, everything else, code included, in the text colour on the
// terminal's own background (glamour's own colours, and its highlighting
// of code, do not all read well on every background).
func markdownStyle(isDark bool, p palette) markdown.StyleConfig {
	cfg := styles.LightStyleConfig
	if isDark {
		cfg = styles.DarkStyleConfig
	}
	cfg.CodeBlock.Chroma = nil
	recolour(reflect.ValueOf(&cfg).Elem(), "", p)
	return cfg
}

// recolour gives every coloured style primitive under v a colour of p,
// chosen by where it is, and takes its background away. Every pointer set
// is a new one: glamour's standard styles are shared.
func recolour(v reflect.Value, path string, p palette) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() && v.Elem().Kind() == reflect.Struct {
			copied := reflect.New(v.Elem().Type())
			copied.Elem().Set(v.Elem())
			v.Set(copied)
			recolour(copied.Elem(), path, p)
		}
	case reflect.Struct:
		if prim, ok := v.Addr().Interface().(*markdown.StylePrimitive); ok {
			prim.BackgroundColor = nil
			if prim.Color == nil {
				return
			}
			c := p.text
			switch {
			case strings.Contains(path, "Heading"), strings.Contains(path, ".H"):
				c = p.accent
			case strings.Contains(path, "Link"):
				c = p.info
			case strings.Contains(path, "BlockQuote"), strings.Contains(path, "HorizontalRule"):
				c = p.muted
			}
			prim.Color = &c
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				recolour(v.Field(i), path+"."+v.Type().Field(i).Name, p)
			}
		}
	}
}

// StatusStyle is the badge style of a status, plain for an unknown one.
func (s *Styles) StatusStyle(st store.Status) lipgloss.Style {
	if b, ok := s.Status[st]; ok {
		return b
	}
	return s.App
}

// pen is a style compiled once to the escape sequences that start and end
// it. Painting with it costs a concatenation, where Style.Render measures
// and splits its text each time: the backlog paints a few hundred cells
// per frame.
type pen struct{ on, off string }

func newPen(st lipgloss.Style) pen { return pen{on: phone.Pen(st), off: ansi.ResetStyle} }

func (p pen) paint(s string) string { return p.on + s + p.off }

// cells is the width of plain text in terminal cells. Text made only of
// characters that are one cell wide whatever the terminal (ASCII, the
// accented Latin letters, Greek, Cyrillic, dashes, quotes, the euro
// sign, arrows, box drawing and shapes) is measured by counting, which spares most titles the grapheme
// segmentation; anything else (emoji, CJK, combining marks) is measured
// properly.
func cells(s string) int {
	n := 0
	for _, r := range s {
		if !oneCell(r) {
			return ansi.StringWidth(s)
		}
		n++
	}
	return n
}

// standsAlone says whether what follows a one-cell character leaves it a
// character of its own: nothing, ASCII, or another one-cell character
// (none of them joins the one before: no accent to combine, no joiner,
// no variation selector).
func standsAlone(rest string) bool {
	if rest == "" || rest[0] < utf8.RuneSelf {
		return true
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return oneCell(r)
}

func oneCell(r rune) bool {
	switch {
	case r >= 0x20 && r < 0x7f, r >= 0xa0 && r < 0x300, r >= 0x370 && r < 0x483:
		return true
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e, r == 0x20ac:
		return true
	case r >= 0x2190 && r <= 0x21ff, r >= 0x2500 && r <= 0x25fc: // arrows, the phone's frame and shapes
		return true
	}
	return false
}

// width is the width of styled text in cells. Text of one-cell
// characters and colour sequences (what the desk's own styles write) is
// counted in one pass, without stripping it first; anything else is
// stripped and measured.
func width(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			// A control sequence: parameters, then its final byte.
			j := i + 2
			for j < len(s) && 0x20 <= s[j] && s[j] < 0x40 {
				j++
			}
			if j == len(s) || s[j] < 0x40 || s[j] > 0x7e {
				return cells(ansi.Strip(s))
			}
			i = j + 1
		case c >= 0x20 && c < 0x7f && (i+1 == len(s) || s[i+1] < utf8.RuneSelf):
			n++
			i++
		case c >= 0x20 && c != 0x7f:
			// A one-cell character that the next does not join is
			// counted; anything else is measured one grapheme at a time,
			// as ansi.StringWidth measures it, never the whole line again.
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError || (r >= 0x80 && r < 0xa0) {
				return cells(ansi.Strip(s))
			}
			if oneCell(r) && standsAlone(s[i+size:]) {
				n++
				i += size
				continue
			}
			g, gw := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
			n += gw
			i += len(g)
		default:
			return cells(ansi.Strip(s))
		}
	}
	return n
}
