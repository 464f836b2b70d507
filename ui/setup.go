package ui

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/settings"
)

// setup asks the desk's first questions, in a huh form drawn in the
// desk's theme: who validates, the city and its channel, the domains
// links may point to, and the week's slots. On the first run (no settings
// file yet) the desk opens on it, and esc keeps the defaults; later it
// opens from the backlog, and esc leaves it without changing anything.
type setup struct {
	form    *huh.Form
	answers *setupAnswers // what the form's fields write into
	from    screen
	first   bool
	done    bool // the answers are given: they are being written
}

// setupAnswers are the answers as typed.
type setupAnswers struct{ name, city, channel, domains, slots string }

// newSetup opens the form on the answers the settings give now.
func newSetup(d *desk, from screen, first bool) (*setup, tea.Cmd) {
	now := d.settings.Setup()
	s := &setup{from: from, first: first, answers: &setupAnswers{
		name: now.Name, city: now.City, channel: now.Channel,
		domains: strings.Join(now.Domains, ", "), slots: strings.Join(now.Slots, ", "),
	}}
	s.form = s.newForm(d)
	s.layout(d)
	return s, s.form.Init()
}

func (s *setup) newForm(d *desk) *huh.Form {
	w, a := &d.t.Setup, s.answers
	input := func(title, help, placeholder string, value *string, check func(string) error) *huh.Input {
		return huh.NewInput().Title(title).Description(help).Placeholder(placeholder).Value(value).Validate(check)
	}
	form := huh.NewForm(
		huh.NewGroup(
			input(w.Name, w.NameHelp, w.NamePlaceholder, &a.name, d.plainAnswer),
			input(w.City, w.CityHelp, w.CityPlaceholder, &a.city, d.plainAnswer),
			input(w.Channel, w.ChannelHelp, w.ChannelPlaceholder, &a.channel, d.plainAnswer),
		).Title(w.PagePeople),
		huh.NewGroup(
			input(w.Domains, w.DomainsHelp, w.DomainsPlaceholder, &a.domains, func(v string) error {
				_, err := d.domainsAnswer(v)
				return err
			}),
			input(w.Slots, w.SlotsHelp, w.SlotsPlaceholder, &a.slots, func(v string) error {
				_, err := d.slotsAnswer(v)
				return err
			}),
		).Title(w.PageWeek),
	)
	theme := d.styles.Form()
	return form.WithTheme(huh.ThemeFunc(func(bool) *huh.Styles { return theme })).
		WithKeyMap(d.keys.setup.huh()).WithShowHelp(false)
}

// layout fits the form under the title and the intro, with room under
// its questions for what a wrong answer is told.
func (s *setup) layout(d *desk) {
	s.form.WithWidth(max(d.width-2, 20)).WithHeight(max(d.height-2-s.introHeight(d)-3, 6))
}

func (s *setup) intro(d *desk) string {
	if s.first {
		return d.t.Setup.Intro
	}
	return d.t.Setup.IntroLater
}

func (s *setup) introHeight(d *desk) int { return len(wrapText(s.intro(d), max(d.width-2, 20))) + 1 }

// restyle draws the form again in a new theme, its answers kept.
func (s *setup) restyle(d *desk) {
	theme := d.styles.Form()
	s.form.WithTheme(huh.ThemeFunc(func(bool) *huh.Styles { return theme }))
}

func (s *setup) keyMap(d *desk) keyMap {
	k := d.keys.setup
	if s.first {
		k.Close.SetHelp(k.Close.Help().Key, d.t.Setup.KeyKeepDefaults)
	}
	return k
}

func (s *setup) heading(d *desk) string {
	if s.first {
		return d.styles.Bold.Render(d.t.Setup.Title)
	}
	return d.styles.Bold.Render(d.t.Setup.TitleLater)
}

func (s *setup) keyPress(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	keys := d.keys.setup
	switch {
	case key.Matches(k, keys.Close) && s.first:
		return d.firstRunCmd(nil), nil
	case key.Matches(k, keys.Close):
		return nil, closeMsg{}
	case key.Matches(k, keys.Help):
		return nil, showMsg{to: screenHelp}
	}
	return s.forward(d, k), nil
}

// forward gives the form what is typed and its own messages; once it is
// complete, the answers are written.
func (s *setup) forward(d *desk, msg tea.Msg) tea.Cmd {
	m, cmd := s.form.Update(msg)
	if f, ok := m.(*huh.Form); ok {
		s.form = f
	}
	if s.form.State != huh.StateCompleted || s.done {
		return cmd
	}
	s.done = true
	answers, err := d.setupOf(s.answers)
	if err != nil { // the fields checked each answer: not reached
		d.fail(d.errorText(err))
		return cmd
	}
	if s.first {
		return tea.Batch(cmd, d.firstRunCmd(&answers))
	}
	return tea.Batch(cmd, d.applySetupCmd(answers))
}

func (s *setup) View(d *desk, w, h int) string {
	var b strings.Builder
	for _, l := range wrapText(s.intro(d), max(w-2, 20)) {
		b.WriteString(" " + d.styles.Muted.Render(l) + "\n")
	}
	b.WriteString("\n")
	b.WriteString(s.form.View())
	return fit(b.String(), w, h)
}

// plainAnswer refuses control characters in a name.
func (d *desk) plainAnswer(v string) error {
	if strings.IndexFunc(v, unicode.IsControl) >= 0 {
		return errors.New(d.t.Setup.BadText)
	}
	return nil
}

// domainsAnswer reads the domains, separated by commas or spaces.
func (d *desk) domainsAnswer(v string) ([]string, error) {
	var out []string
	for _, dom := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
		dom = strings.ToLower(dom)
		if strings.ContainsAny(dom, "/:") || strings.IndexFunc(dom, unicode.IsControl) >= 0 || !strings.Contains(dom, ".") {
			return nil, fmt.Errorf(d.t.Setup.BadDomain, visible(dom))
		}
		out = append(out, dom)
	}
	return out, nil
}

// slotsAnswer reads the slots, separated by commas.
func (d *desk) slotsAnswer(v string) ([]string, error) {
	var out []string
	for _, slot := range strings.Split(v, ",") {
		slot = strings.Join(strings.Fields(slot), " ")
		if slot == "" {
			continue
		}
		if _, err := settings.ParseSlot(slot); err != nil {
			var p *settings.Problem
			if errors.As(err, &p) {
				return nil, errors.New(d.t.SettingsProblem(p.Format, p.Args...))
			}
			return nil, err
		}
		out = append(out, slot)
	}
	if len(out) == 0 {
		return nil, errors.New(d.t.Setup.NoSlot)
	}
	return out, nil
}

// setupOf reads the answers as the settings take them.
func (d *desk) setupOf(a *setupAnswers) (settings.Setup, error) {
	domains, err := d.domainsAnswer(a.domains)
	if err != nil {
		return settings.Setup{}, err
	}
	slots, err := d.slotsAnswer(a.slots)
	if err != nil {
		return settings.Setup{}, err
	}
	trim := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	return settings.Setup{Name: trim(a.name), City: trim(a.city), Channel: trim(a.channel), Domains: domains, Slots: slots}, nil
}

// firstRunCmd hands the answers of the first run to the program, which
// writes the settings file and the sample week; nil keeps the defaults.
func (d *desk) firstRunCmd(answers *settings.Setup) tea.Cmd {
	run := d.firstRun
	if run == nil {
		return nil
	}
	return func() tea.Msg {
		s, err := run(answers)
		return setupSavedMsg{settings: s, first: true, err: err}
	}
}

// applySetupCmd writes the answers into the settings file, keeping its
// other lines, and reads it back.
func (d *desk) applySetupCmd(answers settings.Setup) tea.Cmd {
	path, words := d.settingsPath, settings.Words(d.t.Settings)
	return func() tea.Msg {
		if err := settings.ApplySetup(path, answers, words); err != nil {
			return setupSavedMsg{err: err}
		}
		s, _, err := settings.Load(path, words)
		return setupSavedMsg{settings: s, err: err}
	}
}

// setupSaved takes the settings the answers made.
func (d *desk) setupSaved(msg setupSavedMsg) {
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		return
	}
	d.settings = msg.settings
	d.who, d.loc = msg.settings.Person(d.t.Settings.Newsroom), msg.settings.Location()
	shown := d.settingsPath
	if d.member != nil {
		// On the team desk the validator is the member, and no path of
		// the server shows.
		d.who, shown = d.member.Name, filepath.Base(shown)
	}
	d.firstRun = nil
	d.say(fmt.Sprintf(d.t.Setup.Saved, visible(shown)))
}

// wrapText cuts text into lines of at most w cells at its ordinary
// spaces only, so that French typography's no-break spaces keep « a » and
// "défaut ;" whole; a word longer than a line is cut.
func wrapText(text string, w int) []string {
	w = max(w, 1)
	var out []string
	for _, paragraph := range strings.Split(text, "\n") {
		line := ""
		for i, word := range strings.Split(paragraph, " ") {
			switch {
			case i == 0:
				line = word
			case ansi.StringWidth(line)+1+ansi.StringWidth(word) <= w:
				line += " " + word
			default:
				out = append(out, strings.Split(ansi.Hardwrap(line, w, true), "\n")...)
				line = word
			}
		}
		out = append(out, strings.Split(ansi.Hardwrap(line, w, true), "\n")...)
	}
	return out
}
