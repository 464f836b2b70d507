package store

import (
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// A send by copy and paste waits for a person, never counts as unknown,
// blocks another send of the post to that destination until settled,
// survives a restart as it is, and is settled by the person's word.
func TestSendToPaste(t *testing.T) {
	c := newClock()
	path := filepath.Join(t.TempDir(), "crieur.db")
	st := openDesk(t, path, c, testHash(""))
	p := validatedPost(t, st, "piscine")
	q := validatedPost(t, st, "marché")
	id := mustQueue(t, st, p.ID, c.now(), "manual", "webhook")[0].ID
	other := mustQueue(t, st, q.ID, c.now(), "manual")[0].ID

	mustBegin(t, st, id)
	if _, err := st.AwaitPaste(other, "/outbox/q.txt"); !errors.Is(err, ErrStatus) {
		t.Errorf("a queued send handed to a person: %v", err)
	}
	snd, err := st.AwaitPaste(id, "/outbox/p.txt")
	if err != nil || snd.State != SendPaste || snd.Last().State != SendPaste || snd.Last().Outbox != "/outbox/p.txt" || snd.Last().Ended.IsZero() {
		t.Fatalf("await paste: %v %+v", err, snd)
	}
	if got := postStatus(t, st, p.ID); got != StatusSending {
		t.Errorf("post with a paste pending and a send queued: %s, want sending", got)
	}

	// A restart leaves it to paste: nothing was cut short.
	st.Close()
	st = openDesk(t, path, c, testHash(""))
	if n, err := st.RecoverSending(); err != nil || n != 0 {
		t.Errorf("recovery turned %d sends unknown (%v)", n, err)
	}
	if u, err := st.Unresolved(); err != nil || len(u) != 0 {
		t.Errorf("a paste listed as unknown: %v %+v", err, u)
	}
	settle, err := st.ToSettle()
	if err != nil || len(settle) != 1 || settle[0].ID != id || settle[0].State != SendPaste {
		t.Fatalf("to settle: %v %+v", err, settle)
	}
	open, err := st.SendLog(true)
	if err != nil || len(open) != 3 {
		t.Errorf("open sends: %v %d, want the paste and the two queued", err, len(open))
	}

	// Nothing sends it again, or anew, before the person says.
	if _, _, err := st.BeginSend(id); !errors.Is(err, ErrStatus) {
		t.Errorf("begin a send to paste: %v", err)
	}
	if _, err := st.Queue(p.ID, []string{"manual"}, c.now(), false, ""); !errors.Is(err, ErrStatus) {
		t.Errorf("queue over a send to paste: %v", err)
	}
	if _, err := st.Archive(p.ID); !errors.Is(err, ErrStatus) {
		t.Errorf("archive a post whose text waits to be pasted: %v", err)
	}

	// The person pasted it.
	c.advance(time.Minute)
	res, err := st.Resolve(id, true, "Camille")
	if err != nil || res.State != SendSent || res.Resolution == nil || !res.Resolution.Sent {
		t.Fatalf("settle as posted: %v %+v", err, res)
	}
	events, _ := st.Events(p.ID)
	if last := events[len(events)-1]; last.Kind != EventPasted || last.By != "Camille" || last.Reason != "sent to manual" {
		t.Errorf("the settling event: %+v", last)
	}
	if settle, _ := st.ToSettle(); len(settle) != 0 {
		t.Errorf("still to settle: %+v", settle)
	}
	if _, err := st.Resolve(id, false, "Camille"); !errors.Is(err, ErrStatus) {
		t.Errorf("settling twice: %v", err)
	}
	all, err := st.SendLog(false)
	if err != nil || len(all) != 3 || all[0].ID != id {
		t.Errorf("the log, in queue order: %v %+v", err, all)
	}
}
