package store

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"
)

// weekHash stands for a message whose links name the week of the post's
// slot (channel.utm with {week}), as the sender builds it.
func weekHash(p Post) string {
	week := ""
	switch {
	case !p.Slot.IsZero():
		week = WeekOf(p.Slot, time.UTC).String()
	case p.Topic.Approved():
		week = WeekOf(p.Topic.Slot, time.UTC).String()
	}
	sum := sha256.Sum256([]byte(p.Body + "\x00" + p.Link + "?utm_campaign=" + week))
	return hex.EncodeToString(sum[:])
}

// TestAPostMovedToAnotherWeekIsValidatedAgain: when the week is part of
// the message, planning a post, swapping it into another week or deciding
// its topic changes what would be sent: the post shows in its slot to be
// validated again, never silently dropped, and validating it puts it back
// in its slot, queued.
func TestAPostMovedToAnotherWeekIsValidatedAgain(t *testing.T) {
	d := newMeetingDesk(t)
	d.st.Close()
	st := openDesk(t, d.path, d.c, weekHash)

	p := mustSave(t, st, Post{Title: "Collecte", Body: "La collecte change.", Link: "https://valbourg.fr/collecte", Status: StatusReady})
	v, err := st.Validate(p.ID, p.Rev, "Camille")
	if err != nil {
		t.Fatal(err)
	}
	planned, queued, err := st.PlanAndQueue(v.ID, d.thu, []string{"manual"})
	if err != nil {
		t.Fatal(err)
	}
	if planned.Status != StatusReady || len(queued) != 0 || !planned.Slot.Equal(d.thu) {
		t.Fatalf("planned into a week its links did not name: %s at %v, %d queued", planned.Status, planned.Slot, len(queued))
	}
	w, err := st.Slots(d.meeting, d.meeting.Add(7*24*time.Hour))
	if err != nil || len(w.Again) != 1 || w.Again[0].ID != p.ID || len(w.Planned) != 0 {
		t.Fatalf("the slot's post to validate again: %+v, %v", w, err)
	}
	events, _ := st.Events(p.ID)
	if last := events[len(events)-1]; last.Kind != EventInvalidated || last.Reason != ReasonWeek {
		t.Errorf("last event %+v", last)
	}

	again, err := st.ValidateAndReplan(planned.ID, planned.Rev, "Camille", []string{"manual"})
	if err != nil {
		t.Fatal(err)
	}
	if again.Status != StatusPlanned || !again.Slot.Equal(d.thu) {
		t.Fatalf("validated again: %s at %v", again.Status, again.Slot)
	}
	if sends, _ := st.Sends(p.ID); len(sends) != 1 || sends[0].State != SendQueued {
		t.Errorf("sends %+v", sends)
	}

	// Swapped with a post of the next week, both are validated again.
	other := mustSave(t, st, Post{Title: "Marché", Body: "Le marché.", Link: "https://valbourg.fr/marche", Status: StatusReady})
	ov, err := st.Validate(other.ID, other.Rev, "Camille")
	if err != nil {
		t.Fatal(err)
	}
	nextWeek := d.nextTue
	op, _, err := st.PlanAndQueue(ov.ID, nextWeek, []string{"manual"})
	if err != nil || op.Status != StatusReady {
		t.Fatalf("planned: %v %s", err, op.Status)
	}
	op, err = st.ValidateAndReplan(op.ID, op.Rev, "Camille", []string{"manual"})
	if err != nil || op.Status != StatusPlanned {
		t.Fatalf("replanned: %v %s", err, op.Status)
	}
	a, b, err := st.Swap(p.ID, op.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != StatusReady || b.Status != StatusReady {
		t.Errorf("swapped across weeks: %s and %s", a.Status, b.Status)
	}
	for _, id := range []string{p.ID, op.ID} {
		sends, _ := st.Sends(id)
		for _, s := range sends {
			if s.State == SendQueued {
				t.Errorf("a send of %s still queued for a message no longer validated: %+v", id, s)
			}
		}
	}
}
