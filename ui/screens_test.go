package ui

import (
	"path/filepath"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"crieur/sender"
	"crieur/sender/wafake"
)

// TestEveryScreenGolden draws every screen of the desk, and the lines
// that ask or are typed on the footer, at 80×24 in French, in both
// themes. Each golden is read by TestGoldensSpeakOneLanguage too.
func TestEveryScreenGolden(t *testing.T) {
	screens := []struct {
		name string
		open func(t *testing.T, m Model) Model
	}{
		{"backlog", func(t *testing.T, m Model) Model { return m }},
		{"filter", func(t *testing.T, m Model) Model { return typeText(t, press(t, m, "/"), "dé") }},
		{"editor", func(t *testing.T, m Model) Model { return press(t, m, "enter") }},
		{"preview", func(t *testing.T, m Model) Model { return press(t, m, "p") }},
		{"history", func(t *testing.T, m Model) Model { return press(t, m, "r") }},
		{"week", func(t *testing.T, m Model) Model { return press(t, m, "w") }},
		{"picker", func(t *testing.T, m Model) Model { return press(t, m, "w", "j", "enter") }},
		{"whatsapp", func(t *testing.T, m Model) Model { return press(t, m, "W") }},
		{"help", func(t *testing.T, m Model) Model { return press(t, m, "?") }},
		{"setup", func(t *testing.T, m Model) Model { return press(t, m, "s") }},
		{"confirm", func(t *testing.T, m Model) Model { return press(t, m, "X") }},
		{"urgent", func(t *testing.T, m Model) Model { return typeText(t, press(t, m, "G", "U"), "Tempête") }},
	}
	for _, theme := range []string{"dark", "light"} {
		for _, s := range screens {
			t.Run(s.name+"_80x24_"+theme, func(t *testing.T) {
				m := screensModel(t)
				if theme == "light" {
					m = light(t, m)
				}
				m = s.open(t, m)
				golden.RequireEqual(t, m.View().Content)
			})
		}
	}
}

// screensModel is the French desk at 80×24 on the fixture, with its last
// post validated, a desk that sends and WhatsApp not linked yet.
func screensModel(t *testing.T) Model {
	t.Helper()
	m := newTestModel(t, "fr", 80, 24, fixture())
	m = press(t, m, "G", "v", "o", "g") // "Collecte des déchets décalée" is validated
	backends, err := sender.BuildBackends(m.settings, sender.Secrets{}, nil, filepath.Join(t.TempDir(), "outbox"))
	if err != nil {
		t.Fatal(err)
	}
	m.dispatcher = &sender.Dispatcher{Store: m.st, Settings: m.settings, Backends: backends, Now: fixedNow}
	fake := wafake.New()
	fake.SetState(sender.WANotLinked)
	m.wa = fake
	m.message = "" // what validating said
	return m
}
