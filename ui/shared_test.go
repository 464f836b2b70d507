package ui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"crieur/settings"
	"crieur/store"
)

// sharedSession is a member's session of the team desk on the shared
// index, opened as the program opens it: Init, then what it starts.
func sharedSession(t *testing.T, st *store.Store, shared *SharedBacklog, name string) Model {
	t.Helper()
	m := New(Config{
		Store: st.As(name), Settings: settings.Default(), Lang: "fr", Now: fixedNow, Autosave: -1,
		Member: &Member{Name: name, Role: settings.RoleAdmin}, Backlog: shared,
	})
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	return run(t, m, m.Init())
}

// sameIndex says whether two sessions draw from one index: the same
// summaries and keys in memory, not copies.
func sameIndex(a, b Model) bool {
	return a.backlog.shared != nil && a.backlog.shared == b.backlog.shared &&
		&a.backlog.posts[0] == &b.backlog.posts[0] && a.backlog.keys == b.backlog.keys
}

// movingStore is a store whose clock moves a minute at each reading, so
// that each save is later than the one before.
func movingStore(t *testing.T) *store.Store {
	t.Helper()
	now := testNow
	st, err := store.Open(filepath.Join(t.TempDir(), "crieur.db"), store.Options{Now: func() time.Time {
		now = now.Add(time.Minute)
		return now
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Import(fixture(), store.RevImport); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestTheSessionsShareOneBacklogIndex(t *testing.T) {
	st := movingStore(t)
	shared := NewSharedBacklog()
	lea := sharedSession(t, st, shared, "Léa")
	reads := shared.reads.Load()
	tom := sharedSession(t, st, shared, "Tom")
	if shared.reads.Load() != reads {
		t.Error("the second session read the backlog again")
	}
	if !sameIndex(lea, tom) || len(tom.backlog.posts) != len(fixture()) {
		t.Fatalf("the sessions hold copies: %d posts", len(tom.backlog.posts))
	}

	// Léa saves a post; Tom hears of it from the server.
	old := mustPost(t, lea, "Piscine fermée pour vidange")
	p := old
	p.Title = "Piscine rouverte"
	saved, err := st.As("Léa").SavePost(p)
	if err != nil {
		t.Fatal(err)
	}
	lea = send(t, lea, savedMsg{post: saved, tried: saved})
	index := shared.current()
	tom = send(t, tom, PostChanged{Post: saved, By: "Léa"})
	if shared.current() != index || !sameIndex(lea, tom) {
		t.Error("the change was put in the index twice, or the sessions hold copies")
	}
	for _, m := range []Model{lea, tom} {
		if !strings.Contains(screenText(m), "Piscine rouverte") {
			t.Errorf("%s does not show the change:\n%s", m.who, screenText(m))
		}
	}

	// An older version heard late changes nothing.
	tom = send(t, tom, PostChanged{Post: old, By: "Léa"})
	if strings.Contains(screenText(tom), "Piscine fermée") {
		t.Errorf("an older version came back:\n%s", screenText(tom))
	}

	// Each session keeps its own filter and tab over the one index.
	tom = press(t, tom, "/")
	tom = typeText(t, tom, "piscine")
	tom = press(t, tom, "enter")
	if len(tom.backlog.view) != 1 || len(lea.backlog.view) != len(fixture())-1 {
		t.Errorf("the filters mix: Tom %d rows, Léa %d", len(tom.backlog.view), len(lea.backlog.view))
	}
}

func TestSessionsToldToReadAgainShareOneReading(t *testing.T) {
	st := newTestStore(t, fixture())
	shared := NewSharedBacklog()
	lea := sharedSession(t, st, shared, "Léa")
	tom := sharedSession(t, st, shared, "Tom")
	// The file changes behind the sessions' back (a send, a command).
	if _, err := st.Archive(mustPost(t, lea, "Piscine fermée pour vidange").ID); err != nil {
		t.Fatal(err)
	}
	reads := shared.reads.Load()
	leaLoad, tomLoad := lea.loadCmd(), tom.loadCmd() // both told at once
	lea, tom = send(t, lea, leaLoad()), send(t, tom, tomLoad())
	if got := shared.reads.Load() - reads; got != 1 {
		t.Errorf("%d readings for two sessions told at once", got)
	}
	if !sameIndex(lea, tom) {
		t.Error("the sessions hold copies after reading again")
	}
	for _, m := range []Model{lea, tom} {
		if strings.Contains(screenText(m), "Piscine") {
			t.Errorf("%s still lists the archived post:\n%s", m.who, screenText(m))
		}
	}
	// Told again later, a session reads the file again.
	tom = send(t, tom, tom.loadCmd()())
	if got := shared.reads.Load() - reads; got != 2 {
		t.Errorf("a later reading was not made: %d readings", got)
	}
}
