package ui

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"crieur/sender"
	"crieur/settings"
	"crieur/store"
)

// A post half sent when both its destinations were renamed: the run left
// its other send to a person. The week says so on its row; S sends it to
// the destinations of the settings, after a question that names them, and
// u cancels it.
func TestWeekOrphanedSendsAreMovedOrCancelled(t *testing.T) {
	var requests atomic.Int32
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		fmt.Fprint(w, `{"id":"h"}`)
	}))
	defer hook.Close()
	m := newTestModel(t, "en", 120, 30, fixture())
	// Half of each post went out (sent now, say) before the rename.
	slot := store.WeekOf(testNow, m.loc).SlotTime(time.Thursday, 12, 0, m.loc)
	halfSent := func(title string, at time.Time) store.Post {
		p := mustPost(t, m, title)
		if p.Status != store.StatusReady {
			p.Status = store.StatusReady
		}
		p, err := m.st.Validate(p.ID, p.Rev, "Camille")
		if err != nil {
			t.Fatal(err)
		}
		_, sends, err := m.st.PlanAndQueue(p.ID, at, []string{"hook", "canal"})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := m.st.BeginSend(sends[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := m.st.FinishSend(sends[0].ID, store.SendSent, "h-0", store.Failure{}); err != nil {
			t.Fatal(err)
		}
		return p
	}
	moving := halfSent("Collecte des déchets décalée", slot)
	cancelling := halfSent("Piscine fermée pour vidange", slot.Add(24*time.Hour))

	m.settings.Destinations = []settings.Destination{
		{Name: "hook-2", Kind: settings.KindWebhook, URL: hook.URL},
		{Name: "canal-2", Kind: settings.KindWebhook, URL: hook.URL},
	}
	backends := map[string]sender.Backend{
		"hook-2": sender.NewWebhook(hook.URL, []byte("s"), nil), "canal-2": sender.NewWebhook(hook.URL, []byte("s"), nil),
	}
	m.dispatcher = &sender.Dispatcher{Store: m.st, Settings: m.settings, Backends: backends, Now: fixedNow, FollowSettings: true}
	m = send(t, m, m.loadCmd()())
	m = press(t, m, "w")
	if s := screenText(m); strings.Count(s, "canal: no longer in the settings") != 2 {
		t.Fatalf("the week does not show the orphaned sends:\n%s", s)
	}

	// The first post's row: S asks, naming where it goes.
	for m.week.rows[m.week.row.cursor].post == nil || m.week.rows[m.week.row.cursor].post.ID != moving.ID {
		m = press(t, m, "j")
	}
	m = press(t, m, "S")
	if m.confirm == nil || !strings.Contains(m.confirm.question, "now to hook-2, canal-2, in place of canal, no longer in the settings") {
		t.Fatalf("S on an orphaned send asks %+v", m.confirm)
	}
	m = press(t, m, "y")
	if p := mustPost(t, m, moving.Title); p.Status != store.StatusSent || requests.Load() != 2 {
		t.Fatalf("after S the post is %s, and the hook got %d requests (message %q)", p.Status, requests.Load(), m.message)
	}

	// The second: u cancels, and the post is sent where it went.
	for m.week.rows[m.week.row.cursor].post == nil || m.week.rows[m.week.row.cursor].post.ID != cancelling.ID {
		m = press(t, m, "j")
	}
	m = press(t, m, "u")
	if m.confirm == nil || !strings.Contains(m.confirm.question, "no more to canal") {
		t.Fatalf("u on an orphaned send asks %+v", m.confirm)
	}
	m = press(t, m, "y")
	if p := mustPost(t, m, cancelling.Title); p.Status != store.StatusSent {
		t.Fatalf("after u the post is %s (%q)", p.Status, m.message)
	}
	if s := screenText(m); strings.Contains(s, "no longer in the settings") {
		t.Errorf("orphans left on the week:\n%s", s)
	}
}
