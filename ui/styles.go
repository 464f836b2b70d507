package ui

import (
	"image/color"
	"strings"

	"charm.land/bubbles/v2/help"
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
	HelpDesc, HelpSection                   lipgloss.Style
	TextareaFocusedBase, TextareaBase       lipgloss.Style
	Accent, Subtle                          color.Color
	Help                                    help.Styles // keys on the footer and the help screen
}

// NewStyles builds the styles for a terminal's background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	var (
		text    = ld(lipgloss.Color("#1f2328"), lipgloss.Color("#e6e6e6"))
		muted   = ld(lipgloss.Color("#6e7781"), lipgloss.Color("#8b949e"))
		faint   = ld(lipgloss.Color("#afb8c1"), lipgloss.Color("#484f58"))
		accent  = ld(lipgloss.Color("#0f7b6c"), lipgloss.Color("#25d0a5"))
		selBg   = ld(lipgloss.Color("#dceee9"), lipgloss.Color("#1d3b35"))
		warn    = ld(lipgloss.Color("#9a6700"), lipgloss.Color("#e3b341"))
		bad     = ld(lipgloss.Color("#cf222e"), lipgloss.Color("#ff7b72"))
		good    = ld(lipgloss.Color("#1a7f37"), lipgloss.Color("#56d364"))
		info    = ld(lipgloss.Color("#0969da"), lipgloss.Color("#79c0ff"))
		violet  = ld(lipgloss.Color("#8250df"), lipgloss.Color("#d2a8ff"))
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

		Pane:        lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(faint).Padding(0, 1),
		PaneFocused: lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(accent).Padding(0, 1),
		PaneTitle:   lipgloss.NewStyle().Foreground(muted).Bold(true),

		Rule:        lipgloss.NewStyle().Foreground(faint),
		Message:     lipgloss.NewStyle().Foreground(accent),
		Confirm:     lipgloss.NewStyle().Foreground(warn).Bold(true),
		HelpKey:     lipgloss.NewStyle().Foreground(accent),
		HelpDesc:    lipgloss.NewStyle().Foreground(muted),
		HelpSection: boldTxt.Underline(true),

		TextareaFocusedBase: plain,
		TextareaBase:        plain,
		Accent:              accent,
		Subtle:              muted,
	}
	s.Help = help.Styles{
		ShortKey: s.HelpKey, ShortDesc: s.HelpDesc, ShortSeparator: s.Faint, Ellipsis: s.Faint,
		FullKey: s.HelpKey, FullDesc: s.HelpDesc, FullSeparator: s.Faint,
	}
	return s
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
// accented Latin letters, Greek, Cyrillic, dashes, quotes and the euro
// sign) is measured by counting, which spares most titles the grapheme
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

func oneCell(r rune) bool {
	switch {
	case r >= 0x20 && r < 0x7f, r >= 0xa0 && r < 0x300, r >= 0x370 && r < 0x483:
		return true
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x205e, r == 0x20ac:
		return true
	}
	return false
}

// width is the width of styled text in cells.
func width(s string) int {
	if strings.IndexByte(s, '\x1b') < 0 {
		return cells(s)
	}
	return cells(ansi.Strip(s))
}
