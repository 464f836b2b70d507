package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"crieur/settings"
	"crieur/store"
)

// manyPosts are n posts, the newest first in the file's order: "Avis 0"
// is the newest.
func manyPosts(n int) []store.Post {
	posts := make([]store.Post, n)
	for i := range posts {
		posts[i] = store.Post{
			Title: fmt.Sprintf("Avis %d", i), Body: "Texte de l’avis.", Category: "practical",
			Status: store.StatusDraft, Created: testNow.Add(-time.Duration(i) * time.Hour),
		}
	}
	// Piscine is the oldest: never among the first rows.
	posts[n-1].Title = "Piscine fermée"
	return posts
}

// startDesk is the desk as the program opens it: Init's commands, and the
// first rows read, without the rest of the backlog.
func startDesk(t *testing.T, posts []store.Post) (Model, tea.Cmd) {
	t.Helper()
	st := newTestStore(t, posts)
	conf := settings.Default()
	conf.Desk.Name = "Camille"
	m := New(Config{Store: st, Settings: conf, Lang: "fr", Now: fixedNow, Autosave: -1})
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	var first tea.Msg
	for _, msg := range execute(m.Init()) {
		if f, ok := msg.(firstRowsMsg); ok {
			first = f
		}
	}
	if first == nil {
		t.Fatal("Init reads no first rows")
	}
	next, rest := m.Update(first)
	return next.(Model), rest
}

// loaded is the whole backlog's reading among what started returned.
func loaded(t *testing.T, rest tea.Cmd) loadedMsg {
	t.Helper()
	for _, msg := range execute(rest) {
		if l, ok := msg.(loadedMsg); ok {
			return l
		}
	}
	t.Fatal("the backlog is not read once the first rows show")
	return loadedMsg{}
}

func TestTheNewestRowsShowWhileTheRestIsRead(t *testing.T) {
	m, rest := startDesk(t, manyPosts(firstRows+50))
	screen := screenText(m)
	for _, want := range []string{"Avis 0", "Avis 1", "lecture du carnet…", "Tout …"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the first rows do not show %q:\n%s", want, screen)
		}
	}
	if len(m.backlog.posts) != firstRows || !m.backlog.partial {
		t.Fatalf("%d posts first (partial %v), want the newest %d", len(m.backlog.posts), m.backlog.partial, firstRows)
	}
	m = send(t, m, keyMsg("j"))
	m = send(t, m, loaded(t, rest))
	screen = screenText(m)
	if !strings.Contains(screen, "250 publications") || strings.Contains(screen, "…") {
		t.Errorf("the whole backlog does not show its counts:\n%s", screen)
	}
	if s, _ := m.backlog.selected(); s.Title() != "Avis 1" {
		t.Errorf("the cursor moved from Avis 1 to %q when the rest came", s.Title())
	}
}

func TestAFilterTypedBeforeTheBacklogIsReadWaitsThenApplies(t *testing.T) {
	m, rest := startDesk(t, manyPosts(firstRows+50))
	m = press(t, m, "/")
	m = typeText(t, m, "piscine")
	screen := screenText(m)
	if !strings.Contains(screen, "Le filtre s’appliquera dès que tout le carnet sera lu…") || strings.Contains(screen, "Avis 0") {
		t.Fatalf("the filter does not say it waits:\n%s", screen)
	}
	m = send(t, m, loaded(t, rest))
	screen = screenText(m)
	if !strings.Contains(screen, "Piscine fermée") || strings.Contains(screen, "Avis 0") || strings.Contains(screen, "sera lu") {
		t.Errorf("the filter does not apply once the backlog is read:\n%s", screen)
	}
	if !m.backlog.filtering {
		t.Error("the filter closed when the backlog came")
	}
}

func TestAChangeMadeWhileTheBacklogIsReadStays(t *testing.T) {
	m, rest := startDesk(t, manyPosts(firstRows+50))
	read := loaded(t, rest) // read before the change, as a slow reading would be
	p, err := m.st.Post(m.backlog.selectedID())
	if err != nil {
		t.Fatal(err)
	}
	m = press(t, m, ">") // to ready
	if got := m.backlog.posts[0].Status(); got != store.StatusReady {
		t.Fatalf("the change did not show: %s", got)
	}
	m = send(t, m, read)
	if s, _ := m.backlog.selected(); s.ID() != p.ID || s.Status() != store.StatusReady {
		t.Errorf("the reading undid the change: %s is %s", s.Title(), s.Status())
	}
}
