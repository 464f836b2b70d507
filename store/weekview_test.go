package store

import (
	"path/filepath"
	"testing"
	"time"
)

// GoesAt says, before a person validates, when the validation would send
// the post: back in the slot it was planned in before an edit, while that
// is to come and free; never otherwise.
func TestGoesAt(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	p := validatedPost(t, st, "piscine")
	if at, err := st.GoesAt(p.ID, 0); err != nil || !at.IsZero() {
		t.Errorf("a validated post: %v %v", at, err)
	}
	slot := c.now().Add(48 * time.Hour)
	p, _, err := st.PlanAndQueue(p.ID, slot, []string{"manual"})
	if err != nil {
		t.Fatal(err)
	}
	p.Body += " Modifié."
	p = mustSave(t, st, p)
	if p.Status != StatusReady {
		t.Fatalf("edited: %s", p.Status)
	}
	if at, err := st.GoesAt(p.ID, 0); err != nil || !at.Equal(slot) {
		t.Errorf("edited while planned: %v %v, want its slot %v", at, err, slot)
	}
	// Another post takes the slot: validating it queues nothing.
	q := validatedPost(t, st, "marché")
	if _, _, err := st.PlanAndQueue(q.ID, slot, []string{"manual"}); err != nil {
		t.Fatal(err)
	}
	if at, _ := st.GoesAt(p.ID, 0); !at.IsZero() {
		t.Errorf("its slot taken: %v", at)
	}
	if _, err := st.Unplan(q.ID); err != nil {
		t.Fatal(err)
	}
	// The slot's time comes: nothing either.
	c.advance(49 * time.Hour)
	if at, _ := st.GoesAt(p.ID, 0); !at.IsZero() {
		t.Errorf("its slot past: %v", at)
	}
	// And what GoesAt says is what validating does.
	c = newClock()
	st = openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	p = validatedPost(t, st, "piscine")
	p, _, _ = st.PlanAndQueue(p.ID, slot, []string{"manual"})
	p.Body += " Modifié."
	p = mustSave(t, st, p)
	at, _ := st.GoesAt(p.ID, 0)
	v, err := st.ValidateAndReplan(p.ID, p.Rev, "Camille", []string{"manual"})
	if err != nil || v.Status != StatusPlanned || !v.Slot.Equal(at) {
		t.Errorf("validated: %v %s at %v; GoesAt said %v", err, v.Status, v.Slot, at)
	}
}

// The week lists the urgent sends queued in it, and no other.
func TestUrgentSendsOfAWeek(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	week := WeekOf(c.now(), time.UTC)
	p := validatedPost(t, st, "tempête")
	q := validatedPost(t, st, "piscine")
	urgent, err := st.Queue(p.ID, []string{"manual", "hook"}, c.now(), true, "Vent violent")
	if err != nil {
		t.Fatal(err)
	}
	mustQueue(t, st, q.ID, c.now().Add(time.Hour), "manual") // not urgent
	c.advance(8 * 24 * time.Hour)
	r := validatedPost(t, st, "neige")
	if _, err := st.Queue(r.ID, []string{"manual"}, c.now(), true, "Neige"); err != nil {
		t.Fatal(err)
	}
	got, err := st.Urgent(week.Start, week.End())
	if err != nil || len(got) != 2 || got[0].ID != urgent[0].ID || got[1].ID != urgent[1].ID {
		t.Errorf("this week's urgent sends: %v %+v", err, got)
	}
	next, err := st.Urgent(week.Next().Start, week.Next().End())
	if err != nil || len(next) != 1 || next[0].Post != r.ID {
		t.Errorf("next week's: %v %+v", err, next)
	}
	if none, _ := st.Urgent(week.Prev().Start, week.Prev().End()); len(none) != 0 {
		t.Errorf("the week before: %+v", none)
	}
}

// A post copied for a topic that comes back is a new draft with the same
// words, and nothing of the original's state.
func TestDuplicate(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	p := validatedPost(t, st, "marché")
	p, _, err := st.PlanAndQueue(p.ID, c.now().Add(time.Hour), []string{"manual"})
	if err != nil {
		t.Fatal(err)
	}
	d, err := st.Duplicate(p.ID, "Léa", " (copie)")
	if err != nil {
		t.Fatal(err)
	}
	if d.ID == p.ID || d.Title != "marché (copie)" || d.Body != p.Body || d.Link != p.Link || d.Category != p.Category ||
		d.Status != StatusDraft || d.Validation != nil || !d.Slot.IsZero() || d.Author != "Léa" || d.Rev != 1 {
		t.Errorf("the copy %+v of %+v", d, p)
	}
	if orig, _ := st.Post(p.ID); orig.Status != StatusPlanned || orig.Rev != p.Rev {
		t.Errorf("the original changed: %+v", orig)
	}
}
