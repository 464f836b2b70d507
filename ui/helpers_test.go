package ui

import (
	"image/color"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/sender"
	"crieur/settings"
	"crieur/store"
)

// testNow is the desk's clock in tests: Tuesday 24 November 2026, 10:00 in Paris.
var testNow = time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)

func fixedNow() time.Time { return testNow }

// fixture is a small week of posts with every status the backlog shows.
func fixture() []store.Post {
	day := func(d int) time.Time { return testNow.Add(time.Duration(-d) * 24 * time.Hour) }
	return []store.Post{
		{Title: "Collecte des déchets décalée", Body: "La collecte du *jeudi* passe au _vendredi_ cette semaine.", Link: "https://www.valbourg.fr/dechets", Category: "practical", Status: store.StatusReady, Created: day(6)},
		{Title: "Médiathèque : nouveaux horaires 📚", Body: "Ouverte le dimanche dès décembre.", Link: "https://www.valbourg.fr/mediatheque", Category: "service", Status: store.StatusDraft, Created: day(5), Sample: true},
		{Title: "Piscine fermée pour vidange", Body: "Fermeture du 1er au 14 décembre.", Link: "https://www.valbourg.fr/piscine", Category: "service", Status: store.StatusDraft, Created: day(4)},
		{Title: "Tempête : alerte orange vent 🌬️", Body: "⚠️ *Alerte orange* : rafales à 110 km/h.", Link: "https://www.valbourg.fr/alerte", Category: "alert", Status: store.StatusIdea, Created: day(3), Problems: 1},
		{Title: "École Jules-Ferry : travaux 🚧", Body: "Travaux de toiture pendant les vacances.", Link: "https://www.valbourg.fr/ecoles", Category: "practical", Status: store.StatusIdea, Created: day(2), Notes: "## Brief\n- angle : sécurité des enfants\n- contact : *services techniques*"},
		{Title: "Marché de Noël 🎄", Body: "Du 5 au 24 décembre, place de la Mairie.", Link: "https://magazine.valbourg.fr/noel", Category: "event", Status: store.StatusArchived, Before: store.StatusDraft, Created: day(1)},
	}
}

// newTestStore opens a real bbolt file in a temporary directory.
func newTestStore(t testing.TB, posts []store.Post) *store.Store {
	t.Helper()
	settings := settings.Default()
	st, err := store.Open(filepath.Join(t.TempDir(), "crieur.db"), store.Options{
		Now:  fixedNow,
		Hash: func(p store.Post) string { return sender.Seal(p, settings) },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if len(posts) > 0 {
		if _, err := st.Import(posts, store.RevImport); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// newTestModel is the desk on a fixture store, sized and loaded, in a
// dark terminal.
func newTestModel(t testing.TB, lang string, w, h int, posts []store.Post) Model {
	t.Helper()
	st := newTestStore(t, posts)
	settings := settings.Default()
	settings.Desk.Name = "Camille" // not the system user: screens must not depend on who runs the tests
	m := New(Config{Store: st, Settings: settings, Lang: lang, Now: fixedNow, Autosave: -1})
	m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
	return send(t, m, m.loadCmd()())
}

// send feeds one message to the model and runs the commands it returns,
// feeding their results back, as the program would. Commands that wait
// (tickers, cursor blinks) are dropped: they would only come back later.
func send(t testing.TB, m Model, msg tea.Msg) Model {
	t.Helper()
	return sendWithin(t, m, msg, commandWait)
}

func run(t testing.TB, m Model, cmd tea.Cmd) Model {
	t.Helper()
	return runWithin(t, m, cmd, commandWait)
}

// commandWait is how long send waits for a command's answer before it
// takes the command for a timer that would only come back later.
const commandWait = 300 * time.Millisecond

// sendWithin is send waiting up to wait for each command's answer. Flows
// whose commands are the store's work, never a timer, use a long wait: a
// machine loaded by the race detector and parallel tests may take more
// than commandWait over a transaction. With a long wait, a timer's
// message that comes back all the same is dropped, so that it does not
// start the next one.
func sendWithin(t testing.TB, m Model, msg tea.Msg, wait time.Duration) Model {
	t.Helper()
	next, cmd := m.Update(msg)
	m = next.(Model)
	return runWithin(t, m, cmd, wait)
}

func runWithin(t testing.TB, m Model, cmd tea.Cmd, wait time.Duration) Model {
	t.Helper()
	for _, msg := range executeWithin(cmd, wait) {
		if wait > commandWait && timer(msg) {
			continue
		}
		m = sendWithin(t, m, msg, wait)
	}
	return m
}

// timer reports whether msg is a timer's, which schedules the next one.
func timer(msg tea.Msg) bool {
	switch msg := msg.(type) {
	case autosaveMsg, dispatchTick, statsTickMsg, lateTick:
		return true
	case feedsTick:
		return msg.next
	case waTickMsg:
		return msg.tick
	}
	return false
}

func execute(cmd tea.Cmd) []tea.Msg { return executeWithin(cmd, commandWait) }

func executeWithin(cmd tea.Cmd, wait time.Duration) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		switch msg := msg.(type) {
		case nil:
			return nil
		case tea.BatchMsg:
			var out []tea.Msg
			for _, c := range msg {
				out = append(out, executeWithin(c, wait)...)
			}
			return out
		case tea.QuitMsg:
			return nil
		}
		return []tea.Msg{msg}
	case <-time.After(wait):
		return nil
	}
}

func press(t testing.TB, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		m = send(t, m, keyMsg(k))
	}
	return m
}

// keyMsg builds the message a terminal sends for a key written as
// Bubble Tea names it ("j", "enter", "ctrl+s", "shift+tab").
func keyMsg(k string) tea.KeyPressMsg {
	named := map[string]tea.Key{
		"enter": {Code: tea.KeyEnter}, "esc": {Code: tea.KeyEscape}, "tab": {Code: tea.KeyTab},
		"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift}, "up": {Code: tea.KeyUp}, "down": {Code: tea.KeyDown},
		"left": {Code: tea.KeyLeft}, "right": {Code: tea.KeyRight}, "pgdown": {Code: tea.KeyPgDown},
		"pgup": {Code: tea.KeyPgUp}, "backspace": {Code: tea.KeyBackspace}, "f1": {Code: tea.KeyF1},
		"space": {Code: tea.KeySpace, Text: " "},
	}
	if n, ok := named[k]; ok {
		return tea.KeyPressMsg(n)
	}
	if c, ok := strings.CutPrefix(k, "ctrl+"); ok {
		return tea.KeyPressMsg{Code: rune(c[0]), Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

func typeText(t testing.TB, m Model, text string) Model {
	t.Helper()
	for _, r := range text {
		m = send(t, m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return m
}

func screenText(m Model) string { return ansi.Strip(m.View().Content) }

func light(t testing.TB, m Model) Model {
	return send(t, m, tea.BackgroundColorMsg{Color: color.White})
}
