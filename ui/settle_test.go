package ui

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"

	"crieur/settings"
	"crieur/store"
)

// The desk sets no process-wide policy of its own: the program's Settle
// runs once the backlog is loaded and on screen, and not when the load
// failed.
func TestSettleRunsOnceTheBacklogIsLoaded(t *testing.T) {
	posts := fixture()
	var calls atomic.Int32
	m := New(Config{Store: newTestStore(t, posts), Settings: settings.Default(), Lang: "fr", Now: fixedNow, Autosave: -1,
		Settle: func() { calls.Add(1) }})
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	if n := calls.Load(); n != 0 {
		t.Fatalf("Settle ran %d times before the backlog was loaded", n)
	}
	m = send(t, m, m.loadCmd()())
	if n := calls.Load(); n != 1 {
		t.Fatalf("Settle ran %d times once the backlog was loaded, want 1", n)
	}
	if !strings.Contains(screenText(m), posts[0].Title) {
		t.Errorf("the backlog is not on screen:\n%s", screenText(m))
	}

	send(t, m, loadedMsg{err: errors.New("disk on fire")})
	if n := calls.Load(); n != 1 {
		t.Errorf("Settle ran again after a failed load (%d calls)", n)
	}
}

// The program's Tidy runs once a filter is done with: its line closed,
// by Enter or Esc, and its matches on screen. Not while it is typed.
func TestTidyRunsOnceAFilterIsDoneWith(t *testing.T) {
	posts := fixture()
	var calls atomic.Int32
	m := New(Config{Store: newTestStore(t, posts), Settings: settings.Default(), Lang: "fr", Now: fixedNow, Autosave: -1,
		Tidy: func() { calls.Add(1) }})
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = send(t, m, m.loadCmd()())
	m = press(t, m, "/")
	m = typeText(t, m, "piscine")
	if n := calls.Load(); n != 0 {
		t.Fatalf("Tidy ran %d times while the filter was typed", n)
	}
	if !m.backlog.signed() {
		t.Fatal("the keys are not signed while the filter is typed")
	}
	m = press(t, m, "enter")
	if n := calls.Load(); n != 1 {
		t.Fatalf("Tidy ran %d times once the filter was done with, want 1", n)
	}
	if screen := screenText(m); !strings.Contains(screen, "Piscine fermée") || strings.Contains(screen, posts[0].Title) {
		t.Errorf("the filter's matches are not what the backlog shows:\n%s", screen)
	}
	if m.backlog.signed() {
		t.Error("the filter done with still keeps the keys' signatures")
	}

	// Opened again, the filter signs the keys again and finds the same.
	m = press(t, m, "/", "backspace")
	if !m.backlog.signed() {
		t.Fatal("opening the filter again did not sign the keys")
	}
	checkSigned(t, &m.backlog)
	m = typeText(t, m, "e")
	if screen := screenText(m); !strings.Contains(screen, "Piscine fermée") || strings.Contains(screen, posts[0].Title) {
		t.Errorf("the filter typed again does not find the same posts:\n%s", screen)
	}
	m = press(t, m, "esc")
	if n := calls.Load(); n != 2 {
		t.Errorf("Tidy ran %d times once the filter was cleared, want 2", n)
	}
	if !strings.Contains(screenText(m), posts[0].Title) {
		t.Errorf("the cleared filter still hides posts:\n%s", screenText(m))
	}
}

// A filter whose line closes before its matches come (a query matched in
// the background) is done with when they come.
func TestTidyWaitsForTheMatches(t *testing.T) {
	var calls atomic.Int32
	m := New(Config{Store: newTestStore(t, nil), Settings: settings.Default(), Lang: "fr", Now: fixedNow, Autosave: -1,
		Tidy: func() { calls.Add(1) }})
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	m = send(t, m, m.loadCmd()())
	var bl store.Backlog
	for i := range filterAsyncAbove + 5_000 {
		p := store.Post{ID: fmt.Sprintf("p%06d", i), Title: fmt.Sprintf("piscine %d", i), Status: store.StatusDraft}
		bl.Posts = append(bl.Posts, p.Summary())
		bl.Starts = append(bl.Starts, int32(len(bl.Keys)))
		bl.Keys += p.SearchKey() + "\x00"
	}
	bl.Starts = append(bl.Starts, int32(len(bl.Keys)))
	m.backlog.setPosts(bl)

	// The keys are not signed (the command that signs them is not run):
	// every letter reads them all, in the background.
	var matching []tea.Cmd
	for _, k := range []string{"/", "p", "i"} {
		next, cmd := m.Update(keyMsg(k))
		m = next.(Model)
		matching = append(matching, cmd)
	}
	next, cmd := m.Update(keyMsg("enter"))
	m = next.(Model)
	execute(cmd)
	if n := calls.Load(); n != 0 {
		t.Fatalf("Tidy ran %d times before the matches came", n)
	}
	for _, cmd := range matching {
		for _, msg := range execute(cmd) {
			if f, ok := msg.(filteredMsg); ok {
				m = send(t, m, f)
			}
		}
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("Tidy ran %d times once the matches came, want 1", n)
	}
	if m.backlog.query != "pi" || len(m.backlog.matches) != len(bl.Posts) {
		t.Errorf("query %q matched %d posts of %d", m.backlog.query, len(m.backlog.matches), len(bl.Posts))
	}
}
