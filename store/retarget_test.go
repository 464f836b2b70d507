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

// sendTo takes a queued send through one delivery that ends as end says:
// SendSent, SendUnknown, or SendQueued for an attempt that never left.
func sendTo(t *testing.T, st *Store, id string, end SendState) {
	t.Helper()
	if _, _, err := st.BeginSend(id); err != nil {
		t.Fatal(err)
	}
	if _, err := st.FinishSend(id, end, "", Failure{Detail: "no network"}); err != nil {
		t.Fatal(err)
	}
}

func latestOf(t *testing.T, st *Store, postID string) map[string]Send {
	t.Helper()
	sends, err := st.Sends(postID)
	if err != nil {
		t.Fatal(err)
	}
	latest := map[string]Send{}
	for _, s := range sends {
		if s.State != SendCancelled {
			latest[s.Destination] = s
		}
	}
	return latest
}

// A destination renamed while a send to it waits for the network: the
// send follows the settings, whatever the post's status (here sending,
// half of it gone out), and the post ends sent, never "sending" for ever.
func TestRetargetFollowsARenameWhileASendWaits(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	p := validatedPost(t, st, "piscine")
	sends, err := st.Queue(p.ID, []string{"telegram", "hook"}, c.now(), false, "")
	if err != nil {
		t.Fatal(err)
	}
	sendTo(t, st, sends[0].ID, SendSent)
	sendTo(t, st, sends[1].ID, SendQueued) // waits for the network
	if got, _ := st.Post(p.ID); got.Status != StatusSending {
		t.Fatalf("half sent, the post is %s", got.Status)
	}

	moved, err := st.Retarget([]string{"telegram", "hook-2"})
	if err != nil || moved != 1 {
		t.Fatalf("retarget: %d, %v", moved, err)
	}
	latest := latestOf(t, st, p.ID)
	if len(latest) != 2 || latest["telegram"].State != SendSent || latest["hook-2"].State != SendQueued || !latest["hook-2"].At.Equal(sends[1].At) {
		t.Fatalf("after the rename: %+v", latest)
	}
	if orphans, err := st.Orphans([]string{"telegram", "hook-2"}); err != nil || len(orphans) != 0 {
		t.Fatalf("orphans %+v, %v", orphans, err)
	}
	sendTo(t, st, latest["hook-2"].ID, SendSent)
	if got, _ := st.Post(p.ID); got.Status != StatusSent {
		t.Errorf("the post is %s, want sent", got.Status)
	}
}

// A post that went out to a destination no longer listed keeps its other
// queued sends as they are: the new names may include the old destination
// renamed. They are orphans, until a person moves or cancels them.
func TestRetargetLeavesOrphansToAPerson(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	halfSent := func(title string) (Post, []Send) {
		p := validatedPost(t, st, title)
		sends, err := st.Queue(p.ID, []string{"telegram", "hook"}, c.now(), false, "")
		if err != nil {
			t.Fatal(err)
		}
		sendTo(t, st, sends[0].ID, SendSent)
		return p, sends
	}
	moving, movingSends := halfSent("piscine")
	cancelling, _ := halfSent("marche")
	renamed := []string{"canal", "hook-2"}

	before := commits(t, st)
	if moved, err := st.Retarget(renamed); err != nil || moved != 0 {
		t.Fatalf("retarget: %d, %v", moved, err)
	}
	if n := commits(t, st) - before; n != 0 {
		t.Errorf("a retarget that moves nothing wrote %d transactions", n)
	}
	orphans, err := st.Orphans(renamed)
	if err != nil || len(orphans) != 2 || orphans[0].Post != moving.ID || orphans[0].Destination != "hook" {
		t.Fatalf("orphans %+v, %v", orphans, err)
	}
	if _, err := st.MoveOrphans(moving.ID, []string{"telegram", "hook"}, time.Time{}); err == nil {
		t.Error("moving a post with no orphan among those destinations")
	}

	// Moved: queued, at the same time, to the listed destinations that
	// have nothing of it.
	queued, err := st.MoveOrphans(moving.ID, renamed, time.Time{})
	if err != nil || len(queued) != 2 {
		t.Fatalf("move: %+v, %v", queued, err)
	}
	latest := latestOf(t, st, moving.ID)
	if latest["hook"].State != "" || latest["canal"].State != SendQueued || !latest["hook-2"].At.Equal(movingSends[1].At) {
		t.Errorf("after the move: %+v", latest)
	}

	// Cancelled: the post is sent where it went.
	if n, err := st.CancelOrphans(cancelling.ID, renamed); err != nil || n != 1 {
		t.Fatalf("cancel: %d, %v", n, err)
	}
	if got, _ := st.Post(cancelling.ID); got.Status != StatusSent {
		t.Errorf("with its orphan cancelled the post is %s, want sent", got.Status)
	}
	if orphans, _ := st.Orphans(renamed); len(orphans) != 0 {
		t.Errorf("orphans left: %+v", orphans)
	}
}

// A send under way when its destination leaves the settings is never
// moved: cut short, it is unknown and listed for a person to settle, who
// can then send the post to the destinations of the settings.
func TestRetargetNeverMovesASendUnderWay(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	p := validatedPost(t, st, "piscine")
	sends, err := st.Queue(p.ID, []string{"hook"}, c.now(), false, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.BeginSend(sends[0].ID); err != nil {
		t.Fatal(err)
	}
	if moved, err := st.Retarget([]string{"hook-2"}); err != nil || moved != 0 {
		t.Fatalf("retarget moved %d sends under way, %v", moved, err)
	}
	if n, err := st.RecoverSending(); err != nil || n != 1 {
		t.Fatalf("recover: %d, %v", n, err)
	}
	unresolved, err := st.Unresolved()
	if err != nil || len(unresolved) != 1 || unresolved[0].Destination != "hook" {
		t.Fatalf("unresolved %+v, %v", unresolved, err)
	}
	if _, err := st.Resolve(sends[0].ID, false, "Camille"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SendNow(p.ID, []string{"hook-2"}, c.now(), false, ""); err != nil {
		t.Fatalf("sending it again to the destination of the settings: %v", err)
	}
	if latest := latestOf(t, st, p.ID); latest["hook-2"].State != SendQueued || latest["hook"].State != SendFailed {
		t.Errorf("sends %+v", latest)
	}
}
