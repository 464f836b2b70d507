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
	tue := WeekOf(c.now(), loc).SlotTime(time.Tuesday, 9, 0, loc)

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

	// A post changed since it was validated is not queued to the new
	// destinations: that would send what nobody validated. (The edit has
	// already cancelled its sends.)
	d := validatedPost(t, st, "ecole")
	if _, _, err := st.PlanAndQueue(d.ID, tue.Add(24*time.Hour), []string{"manual"}); err != nil {
		t.Fatal(err)
	}
	p, _ := st.Post(d.ID)
	p.Body += " modifié"
	if _, err := st.SavePost(p); err != nil {
		t.Fatal(err)
	}
	before = commits(t, st)
	if moved, err := st.Retarget([]string{"whatsapp"}); err != nil || moved != 0 {
		t.Fatalf("retarget of a changed post: %d, %v", moved, err)
	}
	if n := commits(t, st) - before; n != 0 {
		t.Errorf("a retarget that moved nothing wrote %d transactions", n)
	}
	sends, _ := st.Sends(d.ID)
	for _, s := range sends {
		if s.Destination == "whatsapp" {
			t.Errorf("a post changed after validation was queued again: %+v", s)
		}
	}
}

// A planned post edited after its validation goes back to ready: its
// queued sends are cancelled with the edit, it keeps its slot, and
// validating it again puts it back there with its sends, at once.
func TestEditedPlannedPostGoesBackToItsSlotOnceValidated(t *testing.T) {
	loc := paris(t)
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	next := WeekOf(c.now(), loc).Next()
	tue := next.SlotTime(time.Tuesday, 9, 0, loc)

	v := validatedPost(t, st, "piscine")
	if _, _, err := st.PlanAndQueue(v.ID, tue, []string{"manual", "hook"}); err != nil {
		t.Fatal(err)
	}
	p, _ := st.Post(v.ID)
	p.Body += " (horaires corrigés)"
	p, err := st.SavePost(p)
	if err != nil {
		t.Fatal(err)
	}
	if p.Status != StatusReady || !p.Slot.Equal(tue) {
		t.Fatalf("after the edit: %s in slot %v", p.Status, p.Slot)
	}
	sends, _ := st.Sends(p.ID)
	for _, s := range sends {
		if s.State != SendCancelled {
			t.Errorf("a send of the edited post is still %s", s.State)
		}
	}
	if due, _ := st.Due(tue.Add(time.Hour)); len(due) != 0 {
		t.Errorf("%d sends of the edited post are due", len(due))
	}
	if planned, _ := st.Planned(next.Start, next.End()); len(planned) != 0 {
		t.Errorf("the week shows a post that is no longer validated in its slot: %v", planned)
	}

	before := commits(t, st)
	p, err = st.ValidateAndReplan(p.ID, p.Rev, "Camille", []string{"manual", "hook"})
	if err != nil {
		t.Fatal(err)
	}
	if n := commits(t, st) - before; n != 1 {
		t.Errorf("validate and replan took %d transactions", n)
	}
	if p.Status != StatusPlanned || !p.Slot.Equal(tue) || p.Validation == nil {
		t.Fatalf("after validating again: %s in slot %v", p.Status, p.Slot)
	}
	due, _ := st.Due(tue)
	if len(due) != 2 {
		t.Fatalf("%d sends queued at the slot, want 2", len(due))
	}

	// A slot already gone: validated, and left for the person to plan.
	old := validatedPost(t, st, "marche")
	past := c.now().Add(time.Hour)
	if _, _, err := st.PlanAndQueue(old.ID, past, []string{"hook"}); err != nil {
		t.Fatal(err)
	}
	q, _ := st.Post(old.ID)
	q.Body += " !"
	q, _ = st.SavePost(q)
	c.advance(2 * time.Hour)
	if q, err = st.ValidateAndReplan(q.ID, q.Rev, "Camille", []string{"hook"}); err != nil || q.Status != StatusValidated {
		t.Fatalf("a post whose slot has passed: %s, %v", q.Status, err)
	}
}

func TestValidateAndReplanLeavesATakenSlot(t *testing.T) {
	loc := paris(t)
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	tue := WeekOf(c.now(), loc).Next().SlotTime(time.Tuesday, 9, 0, loc)
	v := validatedPost(t, st, "piscine")
	if _, _, err := st.PlanAndQueue(v.ID, tue, []string{"hook"}); err != nil {
		t.Fatal(err)
	}
	p, _ := st.Post(v.ID)
	p.Body += " !"
	p, _ = st.SavePost(p)
	other := validatedPost(t, st, "marche")
	if _, _, err := st.PlanAndQueue(other.ID, tue, []string{"hook"}); err != nil {
		t.Fatalf("the freed slot cannot be planned: %v", err)
	}
	p, err := st.ValidateAndReplan(p.ID, p.Rev, "Camille", []string{"hook"})
	if err != nil || p.Status != StatusValidated {
		t.Fatalf("validating a post whose slot was taken: %s, %v", p.Status, err)
	}
	if due, _ := st.Due(tue); len(due) != 1 || due[0].Post != other.ID {
		t.Errorf("due at the slot: %+v", due)
	}
}
