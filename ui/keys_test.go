package ui

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/sender"
	"crieur/sender/wafake"
	"crieur/store"
)

// keyState is a screen in one of its states, built fresh for each key.
type keyState struct {
	name string
	make func(t *testing.T) Model
}

// keyStates are the screens in the states where their keys differ.
func keyStates() []keyState {
	backlog := func(t *testing.T) Model { return newTestModel(t, "en", 80, 24, fixture()) }
	pressed := func(keys ...string) func(t *testing.T) Model {
		return func(t *testing.T) Model { return press(t, backlog(t), keys...) }
	}
	week := func(keys ...string) func(t *testing.T) Model {
		return func(t *testing.T) Model { return press(t, resize(t, weekModel(t), 80, 24), keys...) }
	}
	whatsApp := func(state sender.WAState) func(t *testing.T) Model {
		return func(t *testing.T) Model {
			fake := wafake.New()
			fake.SetState(state)
			fake.SetChannels(cityChannel, cultureChannel)
			m, _ := newWhatsAppModel(t, fake, 80, 24)
			return press(t, m, "W")
		}
	}
	long := func(t *testing.T) Model {
		posts := fixture()
		posts[5].Status, posts[5].Body = store.StatusIdea, strings.Repeat("Un marché de Noël place de la Mairie. ", 40)
		return press(t, newTestModel(t, "en", 80, 24, posts), "p", "pgdown") // the cut on screen
	}
	meet := func(keys ...string) func(t *testing.T) Model {
		return func(t *testing.T) Model { return mpress(t, openMeeting(t, meetingModel(t, "en", 80, 24)), keys...) }
	}
	return []keyState{
		{"meeting who is here", func(t *testing.T) Model { return mpress(t, meetingModel(t, "en", 80, 24), "M") }},
		{"meeting agenda", meet()},
		{"meeting results", meet("tab")},
		{"meeting slot", meet("j", "s")},
		{"meeting writer", meet("j", "s", "enter")},
		{"meeting angle", meet("j", "s", "enter", "enter")},
		{"meeting later", meet("j", "p")},
		{"meeting minutes", meet("m")},
		{"backlog", backlog},
		{"backlog filtering", pressed("/")},
		{"editor title", pressed("enter")},
		{"editor category", pressed("enter", "tab")},
		{"editor text", pressed("enter", "tab", "tab", "tab", "tab", "tab")},
		{"preview", pressed("p")},
		{"preview of a long post", long},
		{"history", pressed("r")},
		{"help", pressed("?")},
		{"week", week("w")},
		{"week with a post", week("w", "j", "enter", "enter")},
		{"week picker", week("w", "j", "enter")},
		{"whatsapp not linked", whatsApp(sender.WANotLinked)},
		{"whatsapp connected", whatsApp(sender.WAConnected)},
	}
}

func resize(t *testing.T, m Model, w, h int) Model {
	return send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
}

// shownKeys are the bindings the footer and the help show on the screen
// showing: those that are on.
func shownKeys(m Model) []key.Binding {
	km := m.page().keyMap(&m.desk)
	bs := km.ShortHelp()
	for _, s := range km.sections() {
		bs = append(bs, s.bindings...)
	}
	return enabled(bs)
}

// moves are the descriptions of the keys that move in a list, which do
// nothing at its ends.
func moves(m Model) []string {
	t := m.t
	return []string{t.KeyUp, t.KeyDown, t.KeyPgUp, t.KeyPgDown, t.KeyTop, t.KeyBottom}
}

// The help never lies: every key the footer or the help shows does
// something on its screen (list moves aside, which do nothing at an end).
func TestEveryKeyShownDoesSomething(t *testing.T) {
	for _, st := range keyStates() {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			probe := st.make(t)
			seen := map[string]bool{}
			for _, b := range shownKeys(probe) {
				desc, keys := b.Help().Desc, b.Keys()
				if seen[desc] || containsString(moves(probe), desc) {
					continue
				}
				seen[desc] = true
				m := st.make(t)
				before := m.View().Content
				k := keys[len(keys)-1] // "8" of 1…8: the first tab shows already
				next, cmd := m.Update(keyMsg(k))
				after := next.(Model)
				if cmd == nil && after.View().Content == before && after.confirm == nil && after.urgent == nil {
					t.Errorf("%q (%s) is shown but does nothing", k, desc)
				}
			}
		})
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// At 80x24 every screen's footer shows how to get help and how to leave.
func TestFooterAlwaysShowsHelpAndQuit(t *testing.T) {
	for _, st := range keyStates() {
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			m := st.make(t)
			m.message = ""
			lines := strings.Split(screenText(m), "\n")
			footer := lines[len(lines)-1]
			km := m.page().keyMap(&m.desk)
			_, always := km.footer()
			if len(always) == 0 {
				t.Fatal("the key map keeps nothing on the footer")
			}
			for _, b := range enabled(always) {
				if h := b.Help(); !strings.Contains(footer, h.Key+" "+h.Desc) {
					t.Errorf("the footer lacks %q %q: %q", h.Key, h.Desc, footer)
				}
			}
			if w := ansi.StringWidth(footer); w > 80 {
				t.Errorf("the footer is %d cells wide", w)
			}
		})
	}
	// The help key and the quit key are kept on the main screens.
	m := newTestModel(t, "fr", 80, 24, fixture())
	footer := lastLine(screenText(m))
	if !strings.Contains(footer, "? aide") || !strings.Contains(footer, "q quitter") {
		t.Errorf("the backlog's footer at 80x24: %q", footer)
	}
	footer = lastLine(screenText(press(t, m, "enter")))
	if !strings.Contains(footer, "f1 aide") || !strings.Contains(footer, "ctrl+c quitter") {
		t.Errorf("the editor's footer at 80x24: %q", footer)
	}
}

func lastLine(s string) string {
	lines := strings.Split(s, "\n")
	return lines[len(lines)-1]
}

// At 80x24 the help scrolls: every key of the screen it describes can be
// read, in French and in English.
func TestHelpScrollsToEveryKey(t *testing.T) {
	for _, st := range keyStates() {
		if st.name == "help" || st.name == "meeting angle" || strings.HasPrefix(st.name, "backlog filtering") || strings.HasPrefix(st.name, "editor ") && st.name != "editor title" {
			continue // ? is typed there; the editor's keys are the same in every field
		}
		t.Run(st.name, func(t *testing.T) {
			t.Parallel()
			m := st.make(t)
			want := shownKeys(m)
			helpKey := "?"
			if m.screen == screenEditor {
				helpKey = "f1"
			}
			m = press(t, m, helpKey)
			if m.screen != screenHelp {
				t.Fatalf("%s does not open the help", helpKey)
			}
			seen := screenText(m)
			for range 20 {
				m = press(t, m, "pgdown")
				seen += "\n" + screenText(m)
			}
			for _, b := range want {
				if !strings.Contains(seen, b.Help().Desc) {
					t.Errorf("the help never shows %q", b.Help().Desc)
				}
			}
			if m = press(t, m, "esc"); m.screen == screenHelp {
				t.Error("esc does not close the help")
			}
		})
	}
}

// Keys that cannot apply are off: the help does not show them and they do
// nothing.
func TestKeysThatCannotApplyAreOff(t *testing.T) {
	var posts []store.Post
	for _, p := range fixture() {
		if !p.Sample {
			posts = append(posts, p)
		}
	}
	m := newTestModel(t, "en", 120, 40, posts)
	help := screenText(press(t, m, "?"))
	for _, desc := range []string{m.t.KeyDeleteSamples, m.t.KeyClearFilter, m.t.WA.KeyCorrect, m.t.WA.KeyWhatsApp, m.t.KeyUrgent} {
		if strings.Contains(help, desc) {
			t.Errorf("the help shows %q, which cannot apply", desc)
		}
	}
	for _, k := range []string{"X", "E", "D", "W", "U"} {
		next, cmd := m.Update(keyMsg(k))
		if after := next.(Model); cmd != nil || after.confirm != nil || after.urgent != nil || after.screen != screenBacklog || after.message != "" {
			t.Errorf("%s does something though it cannot apply", k)
		}
	}
	// A new post has no history yet.
	m = press(t, m, "n")
	if shows(shownKeys(m), m.t.KeyHistory) {
		t.Error("the editor of a new post offers its history")
	}
	// The category is chosen with the arrows only in its own field.
	if shows(shownKeys(m), m.t.KeyCategoryNext) {
		t.Error("the title's field offers to change the category")
	}
	if m = press(t, m, "tab"); !shows(shownKeys(m), m.t.KeyCategoryNext) {
		t.Error("the category's field does not offer to change it")
	}
}

func shows(bs []key.Binding, desc string) bool {
	for _, b := range bs {
		if b.Help().Desc == desc {
			return true
		}
	}
	return false
}
