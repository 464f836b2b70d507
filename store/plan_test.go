package store

import (
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// A slot whose time has come cannot be planned, in any way a post can
// reach it: its post would go out at once, unasked. The file is left as
// it was.
func TestPastSlotsCannotBePlanned(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	p := validatedPost(t, st, "piscine")
	q := validatedPost(t, st, "marché")
	soon, later := c.now().Add(time.Hour), c.now().Add(48*time.Hour)
	if _, _, err := st.PlanAndQueue(q.ID, later, []string{"manual"}); err != nil {
		t.Fatal(err)
	}

	before := fileState(t, st)
	for _, at := range []time.Time{c.now(), c.now().Add(-time.Minute), c.now().Add(-72 * time.Hour)} {
		if _, err := st.Plan(p.ID, at); !errors.Is(err, ErrSlotPast) {
			t.Errorf("plan at %s (now %s): %v, want ErrSlotPast", at, c.now(), err)
		}
		if _, _, err := st.PlanAndQueue(p.ID, at, []string{"manual"}); !errors.Is(err, ErrSlotPast) {
			t.Errorf("plan and queue at %s: %v", at, err)
		}
		if _, err := st.Move(q.ID, at); !errors.Is(err, ErrSlotPast) {
			t.Errorf("move to %s: %v", at, err)
		}
	}
	if fileState(t, st) != before {
		t.Error("a refused plan wrote to the file")
	}
	if _, err := st.Plan(p.ID, soon); err != nil {
		t.Fatalf("a slot to come: %v", err)
	}

	// The first slot's time comes: the two posts may not swap, which
	// would put the second in a slot already past.
	c.advance(2 * time.Hour)
	before = fileState(t, st)
	if _, _, err := st.Swap(p.ID, q.ID); !errors.Is(err, ErrSlotPast) {
		t.Errorf("swap with a past slot: %v", err)
	}
	if fileState(t, st) != before {
		t.Error("a refused swap wrote to the file")
	}
}

// A planned post moves to a free slot to come, with its queued sends;
// a taken slot or its own changes nothing.
func TestMoveToAFreeSlot(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	p := validatedPost(t, st, "piscine")
	q := validatedPost(t, st, "marché")
	tue, thu, sat := c.now().Add(24*time.Hour), c.now().Add(72*time.Hour), c.now().Add(120*time.Hour)
	p, sends, err := st.PlanAndQueue(p.ID, tue, []string{"manual", "hook"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.PlanAndQueue(q.ID, sat, []string{"manual"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Move(p.ID, sat); !errors.Is(err, ErrSlotTaken) {
		t.Errorf("move to a taken slot: %v", err)
	}
	moved, err := st.Move(p.ID, thu)
	if err != nil || !moved.Slot.Equal(thu) || moved.Status != StatusPlanned {
		t.Fatalf("move: %v %+v", err, moved)
	}
	for _, snd := range sends {
		if got, _ := st.Send(snd.ID); got.State != SendQueued || !got.At.Equal(thu) {
			t.Errorf("the send to %s: %s at %s, want queued for the new slot", got.Destination, got.State, got.At)
		}
	}
	planned, err := st.Planned(tue.Add(-time.Hour), sat.Add(time.Hour))
	if err != nil || len(planned) != 2 || planned[0].ID != p.ID || !planned[0].Slot.Equal(thu) {
		t.Errorf("the week after the move: %v %+v", err, planned)
	}
	if due, _ := st.Due(tue.Add(time.Minute)); len(due) != 0 {
		t.Errorf("still due at the old slot: %+v", due)
	}
	before := fileState(t, st)
	if _, err := st.Move(p.ID, thu); err != nil || fileState(t, st) != before {
		t.Errorf("a move to its own slot: %v, or it wrote", err)
	}
	if _, err := st.Move(validatedPost(t, st, "cantine").ID, thu.Add(time.Hour)); !errors.Is(err, ErrStatus) {
		t.Errorf("move a post not planned: %v", err)
	}
}
