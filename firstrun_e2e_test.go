package main

import (
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"crieur/settings"
	"crieur/ui/i18n"
)

// The first run, as a person in a French town hall meets it: the desk
// opens on its questions, in French, in an 80×24 terminal.

const keyClearLine = "\x15" // ctrl+u: the answer shown goes

// startFirstRun starts the desk in French at 80×24 on a folder with
// neither a data file nor a settings file.
func startFirstRun(t *testing.T, d *desk) *terminal {
	t.Helper()
	if settings.Exists(d.cfg) {
		t.Fatal("the settings file is there already")
	}
	cmd := exec.Command(binary, "--offline", "--db", d.db, "--config", d.cfg)
	cmd.Env = deskEnv(d, "LANG=fr_FR.UTF-8")
	return inTerminal(t, cmd, 80, 24, 80, 24)
}

// TestEndToEndFirstRunInFrench answers the desk's first questions: the
// settings file holds the answers, in French, the person is the team's
// first member, and the sample week links to the city's own domain, so no
// sample with a link carries a ⚠.
func TestEndToEndFirstRunInFrench(t *testing.T) {
	skipIfShort(t)
	d := newDesk(t)
	fr := i18n.For("fr")
	term := startFirstRun(t, d)
	term.waitScreen(fr.Setup.Title, screenTimeout)
	term.waitScreen(fr.Setup.Name, screenTimeout)

	answer(term, fr.Setup.Name, "Zoé Durand")
	answer(term, fr.Setup.City, "Saint-Étienne-du-Bois")
	answer(term, fr.Setup.Channel, "Mairie de Saint-Étienne")
	// A wrong answer is said, in French, and the form waits for a right one.
	answer(term, fr.Setup.Domains, "https://saint-etienne-du-bois.fr/")
	term.waitScreen("n’est pas un domaine", screenTimeout)
	answer(term, fr.Setup.Domains, "saint-etienne-du-bois.fr, magazine-seb.fr")
	answer(term, fr.Setup.Slots, "lundi 8:30, jeudi 12:00")

	// The backlog, on the city's channel, with the sample week.
	screen := term.waitScreen("Mairie de Saint-Étienne", screenTimeout)
	screen = term.waitScreen("Réglages enregistrés", screenTimeout)
	samples := i18n.Samples("fr", time.Now())
	screen = term.waitScreen(firstWords(samples[len(samples)-2].Title), screenTimeout)
	checkWarnings(t, screen, samples)

	// A sample opened in the editor: its link is on the city's domain, and
	// the checks find nothing.
	term.press("/", "Collecte")
	term.waitScreen("/ Collecte", screenTimeout)
	term.press(keyEnter, keyEnter)
	screen = term.waitScreen(fr.FieldAlt, screenTimeout)
	if !strings.Contains(screen, "https://saint-etienne-du-bo") || !strings.Contains(screen, fr.ChecksOK) {
		t.Errorf("the sample's link or checks:\n%s", framed(screen))
	}
	term.press(keyEsc)
	term.waitGone(fr.FieldAlt, screenTimeout) // back on the backlog
	term.press("q")
	if code := term.waitExit(exitTimeout); code != 0 {
		t.Fatalf("exit %d", code)
	}

	// The settings file: the answers, in French.
	data, err := os.ReadFile(d.cfg)
	if err != nil {
		t.Fatal(err)
	}
	s, err := settings.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	want := settings.Setup{Name: "Zoé Durand", City: "Saint-Étienne-du-Bois", Channel: "Mairie de Saint-Étienne",
		Domains: []string{"saint-etienne-du-bois.fr", "magazine-seb.fr"}, Slots: []string{"lundi 08:30", "jeudi 12:00"}}
	if got := s.Setup(); got.Name != want.Name || got.City != want.City || got.Channel != want.Channel ||
		strings.Join(got.Domains, ",") != strings.Join(want.Domains, ",") || strings.Join(got.Slots, ",") != strings.Join(want.Slots, ",") {
		t.Errorf("the settings answer %+v, want %+v", got, want)
	}
	if len(s.Members) != 1 || s.Members[0].Name != "Zoé Durand" || s.Members[0].Role != settings.RoleAdmin {
		t.Errorf("the team is %+v", s.Members)
	}
	if !strings.HasPrefix(string(data), "# Réglages de crieur") || s.Destinations[0].Name != fr.Settings.Manual {
		t.Errorf("the settings file is not in French:\n%s", data)
	}
	checkSampleLinks(t, d, "saint-etienne-du-bois.fr", "Saint-Étienne-du-Bois")

	// Opened again, the desk goes straight to the backlog.
	term = openDesk(t, d, "LANG=fr_FR.UTF-8")
	term.waitScreen("Mairie de Saint-Étienne", screenTimeout)
	if screen := term.text(); strings.Contains(screen, fr.Setup.Title) {
		t.Errorf("the questions come back:\n%s", framed(screen))
	}
	term.press("q")
	term.waitExit(exitTimeout)
}

// TestEndToEndFirstRunEscKeepsTheDefaults: esc on the first questions
// keeps the defaults; the settings file is written all the same, in
// French, and the sample week links to the default city's domain.
func TestEndToEndFirstRunEscKeepsTheDefaults(t *testing.T) {
	skipIfShort(t)
	d := newDesk(t)
	fr := i18n.For("fr")
	term := startFirstRun(t, d)
	term.waitScreen(fr.Setup.Title, screenTimeout)
	term.press(keyEsc)
	samples := i18n.Samples("fr", time.Now())
	screen := term.waitScreen(firstWords(samples[len(samples)-2].Title), screenTimeout)
	if !strings.Contains(screen, "Ville de Valbourg") {
		t.Errorf("not the default channel:\n%s", framed(screen))
	}
	checkWarnings(t, screen, samples)
	// The person at the desk is the account's full name, else the
	// newsroom: never the system account the desk runs as.
	person := settings.CurrentPerson(fr.Settings.Newsroom)
	if person == "" || strings.EqualFold(person, "root") {
		t.Fatalf("the default person is %q", person)
	}
	term.press("M")
	screen = term.waitScreen(fr.Meet.Screen.AttendeesTitle, screenTimeout)
	if !strings.Contains(screen, person) || regexp.MustCompile(`\broot\b`).MatchString(screen) {
		t.Errorf("the meeting's team should be %q, never root:\n%s", person, framed(screen))
	}
	term.press(keyEnter)
	present := flat(fmt.Sprintf(fr.Meet.Screen.Present, person))
	screen = term.waitFor(present, func(screen string) bool { return strings.Contains(flat(screen), present) }, screenTimeout)
	if regexp.MustCompile(`\broot\b`).MatchString(screen) {
		t.Errorf("the meeting should say %q:\n%s", fmt.Sprintf(fr.Meet.Screen.Present, person), framed(screen))
	}
	term.press(keyEsc)
	term.waitGone(fr.Meet.Screen.AttendeesTitle, screenTimeout)
	term.press("q")
	if code := term.waitExit(exitTimeout); code != 0 {
		t.Fatalf("exit %d", code)
	}
	data, err := os.ReadFile(d.cfg)
	if err != nil {
		t.Fatal(err)
	}
	s, err := settings.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Setup(), settings.Default().Setup(); got.Channel != want.Channel || got.City != want.City ||
		strings.Join(got.Domains, ",") != strings.Join(want.Domains, ",") || len(s.Members) != 0 {
		t.Errorf("esc did not keep the defaults: %+v, team %+v", got, s.Members)
	}
	if s.Desk.Name != person {
		t.Errorf("the settings name %q at the desk, want %q", s.Desk.Name, person)
	}
	if !strings.HasPrefix(string(data), "# Réglages de crieur") {
		t.Errorf("the settings file is not in French:\n%s", data)
	}
	checkSampleLinks(t, d, "valbourg.fr", "Valbourg")
}

// answer waits for the question to have the focus (the bar before its
// title), then replaces the answer shown by text and goes on.
func answer(term *terminal, question, text string) {
	term.t.Helper()
	term.waitFor("the focus on "+question, func(screen string) bool {
		for _, row := range rows(screen) {
			if strings.HasPrefix(strings.TrimSpace(row), "┃ "+question) {
				return true
			}
		}
		return false
	}, screenTimeout)
	term.press(keyClearLine, text, keyEnter)
}

// checkWarnings fails when a backlog row with a ⚠ is not the sample idea,
// the one post of the week without a text or a link.
func checkWarnings(t *testing.T, screen string, samples []i18n.Sample) {
	t.Helper()
	idea := ""
	for _, s := range samples {
		if s.Link == "" {
			idea = firstWords(s.Title)
		}
	}
	for _, row := range rows(screen) {
		if strings.Contains(row, "⚠") && !strings.Contains(row, idea) && !strings.Contains(row, "envoi") {
			t.Errorf("a sample with a link carries a ⚠: %q", row)
		}
	}
}

// checkSampleLinks fails when a sample's link is not on domain, or a
// sample still names the sample city where the settings name another.
func checkSampleLinks(t *testing.T, d *desk, domain, city string) {
	t.Helper()
	for title, p := range exported(t, d) {
		if p.Link != "" {
			if u, err := url.Parse(p.Link); err != nil || u.Host != domain {
				t.Errorf("%q links to %q, not to %s", title, p.Link, domain)
			}
		}
		if city != i18n.SampleCity && strings.Contains(p.Title+p.Body+p.Notes, i18n.SampleCity) {
			t.Errorf("%q still names %s", title, i18n.SampleCity)
		}
	}
}

// firstWords is the start of a title, short enough to show whole in a
// backlog row at 80 columns.
func firstWords(title string) string {
	r := []rune(title)
	return string(r[:min(len(r), 18)])
}
