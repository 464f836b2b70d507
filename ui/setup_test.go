package ui

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"crieur/settings"
	"crieur/ui/i18n"
)

// TestSetupFromTheDesk opens the setup from the backlog, answers it and
// finds the answers in the settings file and on the desk.
func TestSetupFromTheDesk(t *testing.T) {
	m := newTestModel(t, "fr", 80, 24, fixture())
	m.settingsPath = filepath.Join(t.TempDir(), "config.toml")
	words := settings.Words(i18n.For("fr").Settings)
	if err := settings.Create(m.settingsPath, words, m.settings); err != nil {
		t.Fatal(err)
	}
	m = press(t, m, "s")
	if m.screen != screenSetup || !strings.Contains(screenText(m), "Votre nom") {
		t.Fatalf("s opens no setup:\n%s", screenText(m))
	}
	// Each answer replaces the one shown: ctrl+u clears it, and it is
	// pasted, as one message rather than a key per letter.
	answer := func(m Model, text string) Model {
		m = press(t, m, "ctrl+u")
		m = send(t, m, tea.PasteMsg{Content: text})
		return press(t, m, "enter")
	}
	m = answer(m, "Zoé Durand")
	m = answer(m, "Saint-Bois")
	m = answer(m, "Saint-Bois infos")
	if !strings.Contains(screenText(m), "Domaines des liens") {
		t.Fatalf("no second page:\n%s", screenText(m))
	}
	m = answer(m, "https://saint-bois.fr")
	if !strings.Contains(screenText(m), "n’est pas un domaine") {
		t.Errorf("a bad domain is not refused:\n%s", screenText(m))
	}
	m = answer(m, "saint-bois.fr, mag.saint-bois.fr")
	m = answer(m, "lundi 8:30, vendredi 17:00")
	if m.screen == screenSetup {
		t.Fatalf("the setup stays after its last answer:\n%s", screenText(m))
	}
	data, err := os.ReadFile(m.settingsPath)
	if err != nil {
		t.Fatal(err)
	}
	s, err := settings.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	want := settings.Setup{Name: "Zoé Durand", City: "Saint-Bois", Channel: "Saint-Bois infos",
		Domains: []string{"saint-bois.fr", "mag.saint-bois.fr"}, Slots: []string{"lundi 8:30", "vendredi 17:00"}}
	if got := s.Setup(); !reflect.DeepEqual(got, want) {
		t.Errorf("the file answers %+v, want %+v", got, want)
	}
	if m.settings.Channel.Name != "Saint-Bois infos" || m.who != "Zoé Durand" {
		t.Errorf("the desk did not take the answers: %q %q", m.settings.Channel.Name, m.who)
	}
	if !strings.Contains(screenText(m), "Saint-Bois infos") || !strings.Contains(screenText(m), "Réglages enregistrés") {
		t.Errorf("the backlog does not show the answers:\n%s", screenText(m))
	}
}

// TestSetupEscLeavesAsItWas closes the setup with esc: nothing changes.
func TestSetupEscLeavesAsItWas(t *testing.T) {
	m := newTestModel(t, "fr", 80, 24, fixture())
	m.settingsPath = filepath.Join(t.TempDir(), "config.toml")
	m = press(t, m, "s")
	m = typeText(t, m, "xyz")
	m = press(t, m, "esc")
	if m.screen != screenBacklog || m.setup != nil {
		t.Fatal("esc does not leave the setup")
	}
	if _, err := os.Stat(m.settingsPath); err == nil {
		t.Error("leaving the setup wrote the settings")
	}
	if m.settings.Desk.Name != "Camille" {
		t.Errorf("leaving changed the desk's name: %q", m.settings.Desk.Name)
	}
}

// TestFirstRunOpensOnTheSetup: with no settings file, the desk opens on
// the questions; esc hands the program the defaults.
func TestFirstRunOpensOnTheSetup(t *testing.T) {
	st := newTestStore(t, nil)
	var got *settings.Setup
	called := false
	m := New(Config{Store: st, Settings: settings.Default(), Lang: "fr", Now: fixedNow, Autosave: -1,
		FirstRun: func(a *settings.Setup) (settings.Settings, error) {
			called, got = true, a
			return settings.Default(), nil
		}})
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = run(t, m, m.Init())
	if m.screen != screenSetup || !strings.Contains(screenText(m), "Premiers réglages") {
		t.Fatalf("the first run does not open on the setup:\n%s", screenText(m))
	}
	m = press(t, m, "esc")
	if !called || got != nil {
		t.Errorf("esc: called %v with %+v, want the defaults kept", called, got)
	}
	if m.screen != screenBacklog {
		t.Error("the desk does not go on to the backlog")
	}
}

// TestWrapKeepsNoBreakSpaces cuts lines at ordinary spaces only.
func TestWrapKeepsNoBreakSpaces(t *testing.T) {
	text := "garde les valeurs par défaut\u202f; tout se change «\u00a0plus tard\u00a0»"
	for w := 8; w <= 40; w++ {
		for _, line := range wrapText(text, w) {
			if strings.HasPrefix(line, "\u202f") || strings.HasPrefix(line, ";") || strings.HasPrefix(line, "\u00a0") {
				t.Errorf("width %d: a line starts at a no-break space: %q", w, line)
			}
			if cells(line) > w {
				t.Errorf("width %d: %q is wider", w, line)
			}
		}
	}
}
