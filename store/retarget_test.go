package store

import (
	"path/filepath"
	"testing"
	"time"
)

func TestRetargetMovesQueuedSendsToTheListedDestinations(t *testing.T) {
	loc := paris(t)
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	tue := WeekOf(c.now(), loc).SlotTime(Slot{Weekday: time.Tuesday, Hour: 9}, loc)

	a := validatedPost(t, st, "piscine")
	if _, _, err := st.PlanAndQueue(a.ID, tue, []string{"manual"}); err != nil {
		t.Fatal(err)
	}
	b := validatedPost(t, st, "marche")
	if _, _, err := st.PlanAndQueue(b.ID, tue.Add(48*time.Hour), []string{"manual", "whatsapp"}); err != nil {
		t.Fatal(err)
	}

	before := commits(t, st)
	moved, err := st.Retarget([]string{"whatsapp"})
	if err != nil || moved != 2 {
		t.Fatalf("retarget: %d moved, %v", moved, err)
	}
	if n := commits(t, st) - before; n != 1 {
		t.Errorf("retarget took %d transactions", n)
	}
	for _, tt := range []struct {
		id string
		at time.Time
	}{{a.ID, tue}, {b.ID, tue.Add(48 * time.Hour)}} {
		latest := map[string]Send{}
		sends, err := st.Sends(tt.id)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range sends {
			if s.State != SendCancelled {
				latest[s.Destination] = s
			}
		}
		if len(latest) != 1 || latest["whatsapp"].State != SendQueued || !latest["whatsapp"].At.Equal(tt.at) {
			t.Errorf("post %s: open sends %+v", tt.id, latest)
		}
		if p, _ := st.Post(tt.id); p.Status != StatusPlanned {
			t.Errorf("post %s is %s after the retarget", tt.id, p.Status)
		}
	}
	// Nothing left to move: nothing written.
	before = commits(t, st)
	if moved, err := st.Retarget([]string{"whatsapp"}); err != nil || moved != 0 {
		t.Fatalf("second retarget: %d, %v", moved, err)
	}
	if moved, err := st.Retarget(nil); err != nil || moved != 0 {
		t.Fatalf("retarget to nothing: %d, %v", moved, err)
	}
	if n := commits(t, st) - before; n != 0 {
		t.Errorf("a retarget with nothing to move wrote %d transactions", n)
	}

	// A post changed since it was validated keeps its sends: queueing it
	// again would send what nobody validated.
	d := validatedPost(t, st, "ecole")
	if _, _, err := st.PlanAndQueue(d.ID, tue.Add(24*time.Hour), []string{"manual"}); err != nil {
		t.Fatal(err)
	}
	p, _ := st.Post(d.ID)
	p.Body += " modifié"
	if _, err := st.SavePost(p); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Retarget([]string{"whatsapp"}); err != nil {
		t.Fatal(err)
	}
	sends, _ := st.Sends(d.ID)
	for _, s := range sends {
		if s.Destination == "whatsapp" {
			t.Errorf("a post changed after validation was queued again: %+v", s)
		}
	}
}
