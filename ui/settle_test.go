package ui

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	tea "charm.land/bubbletea/v2"

	"crieur/settings"
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
