package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"image/color"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"crieur/sender"
	"crieur/sender/wafake"
	"crieur/store"
)

// Every result reaches its owner whatever screen shows: each result type
// is sent while each screen is on top (with every other screen open
// under it), and its owner must have taken it.

// resultCase is one result sent to the desk and what its owner must do
// with it.
type resultCase struct {
	msg   func(t *testing.T, m *Model) tea.Msg
	check func(t *testing.T, m Model, results []tea.Msg)
}

// requests are the message types a screen sends to the desk, routed at
// once in the Update that made them; they are no results.
var requests = []string{
	"showMsg", "closeMsg", "closeEditorMsg", "quitMsg", "askMsg", "urgentMsg", "pickMsg", "sendNowMsg",
	"pendingOpenMsg",
}

func TestEveryResultReachesItsOwnerOnEveryScreen(t *testing.T) {
	cases := resultCases()
	maps.Copy(cases, teamResultCases())
	checkEveryResultIsCased(t, cases)
	screens := map[screen]string{
		screenBacklog: "backlog", screenEditor: "editor", screenPreview: "preview", screenWeek: "week",
		screenHistory: "history", screenWhatsApp: "whatsapp", screenHelp: "help", screenSetup: "setup", screenMeeting: "meeting", screenPending: "pending",
	}
	for s, name := range screens {
		for n, c := range cases {
			t.Run(name+"/"+n, func(t *testing.T) {
				t.Parallel()
				m := everyScreenOpen(t, s)
				msg := c.msg(t, &m)
				next, cmd := m.Update(msg)
				c.check(t, next.(Model), results(cmd))
			})
		}
	}
}

// checkEveryResultIsCased reads messages.go and fails when a message type
// declared there has no case in the table (requests aside).
func checkEveryResultIsCased(t *testing.T, cases map[string]resultCase) {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "messages.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, decl := range f.Decls {
		g, ok := decl.(*ast.GenDecl)
		if !ok || g.Tok != token.TYPE {
			continue
		}
		for _, spec := range g.Specs {
			name := spec.(*ast.TypeSpec).Name.Name
			if name == "afterSave" || slices.Contains(requests, name) {
				continue
			}
			if _, ok := cases[name]; !ok {
				t.Errorf("the message %s has no case in the routing table", name)
			}
		}
	}
}

// everyScreenOpen is the desk with the editor open on a post with unsaved
// typing, and over it the week, the WhatsApp screen, the history, the
// preview and the help, all open at once; s shows.
func everyScreenOpen(t *testing.T, s screen) Model {
	t.Helper()
	m := newTestModel(t, "en", 100, 30, fixture())
	fake := wafake.New()
	fake.SetState(sender.WANotLinked)
	m.wa = fake
	m = press(t, m, "enter") // the first post: "École Jules-Ferry : travaux 🚧"
	m = typeText(t, m, " bis")
	if m.editor == nil || !m.editor.dirty() {
		t.Fatal("the editor does not hold typing")
	}
	d := &m.desk
	p := m.editor.post
	m.week, _ = newWeek(d)
	var load tea.Cmd
	m.meeting, load = newMeeting(d)
	m.meeting.load(d, load().(meetingLoadedMsg))
	m.whatsapp, _ = newWhatsApp(d, screenWeek)
	m.history = newHistory(d, revisionsMsg{post: p}, screenEditor, true)
	m.preview, _ = newPreview(d, previewMsg{post: m.editor.current(), typed: true, unsaved: true}, screenEditor)
	m.help = newHelpScreen(screenEditor, m.editor.keyMap(d))
	m.setup, _ = newSetup(d, screenHelp, false)
	m.pending = newPendingScreen(screenWeek)
	m.screen = s
	return m
}

// results runs a command once, batches opened, without feeding what it
// returns back; a timer that does not fire at once is left out.
func results(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case msg := <-done:
		if batch, ok := msg.(tea.BatchMsg); ok {
			var out []tea.Msg
			for _, c := range batch {
				out = append(out, results(c)...)
			}
			return out
		}
		if msg == nil {
			return nil
		}
		return []tea.Msg{msg}
	case <-time.After(300 * time.Millisecond):
		return nil
	}
}

func says(t *testing.T, m Model, want string) {
	t.Helper()
	if !strings.Contains(m.message, want) {
		t.Errorf("the desk says %q, want %q", m.message, want)
	}
}

// storedPost is the stored post of that title.
func storedPost(t *testing.T, m *Model, title string) store.Post {
	t.Helper()
	sums, err := m.st.Summaries()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sums {
		if s.Title() == title {
			p, err := m.st.Post(s.ID())
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
	}
	t.Fatalf("no post %q in the store", title)
	return store.Post{}
}

func summaryOf(m Model, id string) store.Summary {
	for _, s := range m.backlog.posts {
		if s.ID() == id {
			return s
		}
	}
	return store.Summary{}
}

// The terminal's own messages reach the desk on every screen too.
func TestSizeAndThemeReachEveryScreen(t *testing.T) {
	for _, s := range []screen{screenBacklog, screenEditor, screenPreview, screenWeek, screenHistory, screenWhatsApp, screenHelp, screenMeeting} {
		m := everyScreenOpen(t, s)
		m = send(t, m, tea.WindowSizeMsg{Width: 90, Height: 28})
		m = send(t, m, tea.BackgroundColorMsg{Color: color.White})
		if m.width != 90 || m.styles.Dark {
			t.Errorf("screen %d: size %d, dark %v", s, m.width, m.styles.Dark)
		}
		if left, _ := m.editor.split(&m.desk); m.editor.body.Width() != max(left-2, 4) {
			t.Errorf("screen %d: the editor under it was not laid out again", s)
		}
		if lines := strings.Count(m.View().Content, "\n") + 1; lines != 28 {
			t.Errorf("screen %d: %d lines for 28", s, lines)
		}
	}
}
