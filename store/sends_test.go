package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// openDesk opens path with the test's clock and message rule, and closes
// it at the end of the test unless the test closed it first.
func openDesk(t *testing.T, path string, c *clock, h HashFunc) *Store {
	t.Helper()
	st, err := Open(path, Options{Now: c.now, Hash: h})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func validatedPost(t *testing.T, st *Store, title string) Post {
	t.Helper()
	p := mustSave(t, st, Post{Title: title, Body: "*" + title + "* : horaires d'été", Link: "https://valbourg.fr/" + title, Category: "service", Status: StatusReady})
	v, err := st.Validate(p.ID, p.Rev, "Camille")
	if err != nil {
		t.Fatalf("validate %q: %v", title, err)
	}
	return v
}

func mustQueue(t *testing.T, st *Store, id string, at time.Time, dests ...string) []Send {
	t.Helper()
	sends, err := st.Queue(id, dests, at, false, "")
	if err != nil {
		t.Fatalf("queue %s to %v: %v", id, dests, err)
	}
	return sends
}

func mustBegin(t *testing.T, st *Store, sendID string) (Send, Post) {
	t.Helper()
	snd, p, err := st.BeginSend(sendID)
	if err != nil {
		t.Fatalf("begin %s: %v", sendID, err)
	}
	return snd, p
}

func mustFinish(t *testing.T, st *Store, sendID string, state SendState, remoteID, errText string) Send {
	t.Helper()
	snd, err := st.FinishSend(sendID, state, remoteID, Failure{Detail: errText})
	if err != nil {
		t.Fatalf("finish %s as %s: %v", sendID, state, err)
	}
	return snd
}

func postStatus(t *testing.T, st *Store, id string) Status {
	t.Helper()
	p, err := st.Post(id)
	if err != nil {
		t.Fatal(err)
	}
	return p.Status
}

// fileState is a digest of every key and value in the file, to show that
// a refused change wrote nothing.
func fileState(t *testing.T, st *Store) string {
	t.Helper()
	h := sha256.New()
	var walk func(b *bolt.Bucket)
	walk = func(b *bolt.Bucket) {
		_ = b.ForEach(func(k, v []byte) error {
			h.Write(k)
			h.Write([]byte{0})
			if v == nil {
				walk(b.Bucket(k))
			} else {
				h.Write(v)
			}
			h.Write([]byte{0})
			return nil
		})
	}
	err := st.db.View(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			h.Write(name)
			walk(b)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestSendLifecycle(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	p := validatedPost(t, st, "piscine")
	at := c.now().Add(time.Hour)
	sends := mustQueue(t, st, p.ID, at, "telegram")
	if len(sends) != 1 || sends[0].State != SendQueued || sends[0].Destination != "telegram" || !sends[0].At.Equal(at) || sends[0].Post != p.ID {
		t.Fatalf("queued: %+v", sends)
	}
	id := sends[0].ID
	if got := postStatus(t, st, p.ID); got != StatusValidated {
		t.Errorf("queueing changed the post to %s", got)
	}
	if due, err := st.Due(at.Add(-time.Second)); err != nil || len(due) != 0 {
		t.Errorf("due before its time: %v %+v", err, due)
	}
	if due, err := st.Due(at); err != nil || len(due) != 1 || due[0].ID != id {
		t.Fatalf("due at its time: %v %+v", err, due)
	}

	c.advance(time.Hour)
	snd, sp := mustBegin(t, st, id)
	if snd.State != SendSending || len(snd.Attempts) != 1 || snd.Attempts[0].State != SendSending ||
		snd.Attempts[0].Backend != "telegram" || !snd.Attempts[0].At.Equal(c.now()) {
		t.Fatalf("begun: %+v", snd)
	}
	if snd.Hash != p.Validation.Hash || snd.Rev != sp.Rev || sp.Status != StatusSending {
		t.Errorf("begun send hash %s rev %d, post %s rev %d", snd.Hash, snd.Rev, sp.Status, sp.Rev)
	}
	revs := mustRevisions(t, st, p.ID)
	if last := revs[len(revs)-1]; last.Kind != RevSend || last.Post.Status != StatusSending {
		t.Errorf("last revision %s %s", last.Kind, last.Post.Status)
	}
	if due, _ := st.Due(c.now().Add(time.Hour)); len(due) != 0 {
		t.Errorf("a send under way is still due: %+v", due)
	}
	if _, _, err := st.BeginSend(id); !errors.Is(err, ErrStatus) {
		t.Errorf("beginning twice: %v", err)
	}

	c.advance(2 * time.Second)
	done := mustFinish(t, st, id, SendSent, "msg-4412", "")
	if done.State != SendSent || done.Attempts[0].State != SendSent || done.Attempts[0].RemoteID != "msg-4412" || !done.Attempts[0].Ended.Equal(c.now()) {
		t.Fatalf("finished: %+v", done)
	}
	if got := postStatus(t, st, p.ID); got != StatusSent {
		t.Errorf("post after its only send went: %s", got)
	}
	if _, err := st.FinishSend(id, SendFailed, "", Failure{Detail: "late"}); !errors.Is(err, ErrStatus) {
		t.Errorf("finishing twice: %v", err)
	}
	if _, err := st.Queue(p.ID, []string{"telegram"}, c.now(), false, ""); !errors.Is(err, ErrAlreadySent) {
		t.Errorf("queueing a sent post again: %v", err)
	}
	if _, err := st.FinishSend(id, SendCancelled, "", Failure{}); !errors.Is(err, ErrStatus) {
		t.Errorf("finishing as cancelled: %v", err)
	}
	got, err := st.Sends(p.ID)
	if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0], done) {
		t.Errorf("Sends: %v %+v", err, got)
	}
	if one, err := st.Send(id); err != nil || !reflect.DeepEqual(one, done) {
		t.Errorf("Send: %v %+v", err, one)
	}
	if _, err := st.Send("01NOSUCHSEND"); !errors.Is(err, ErrNoSend) {
		t.Errorf("missing send: %v", err)
	}
}

func TestQueueRefusals(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	for _, status := range []Status{StatusIdea, StatusDraft, StatusReady} {
		p := mustSave(t, st, Post{Title: string(status), Body: "x", Status: status})
		if _, err := st.Queue(p.ID, []string{"telegram"}, c.now(), false, ""); !errors.Is(err, ErrStatus) {
			t.Errorf("queueing a %s post: %v", status, err)
		}
	}
	archived := validatedPost(t, st, "archive")
	if _, err := st.Archive(archived.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Queue(archived.ID, []string{"telegram"}, c.now(), false, ""); !errors.Is(err, ErrStatus) {
		t.Errorf("queueing an archived post: %v", err)
	}
	if _, err := st.Queue("01NOSUCHPOST", []string{"telegram"}, c.now(), false, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("queueing a missing post: %v", err)
	}

	p := validatedPost(t, st, "crue")
	before := fileState(t, st)
	for _, reason := range []string{"", "  \t"} {
		if _, err := st.Queue(p.ID, []string{"telegram"}, c.now(), true, reason); !errors.Is(err, ErrNoReason) {
			t.Errorf("urgent with reason %q: %v", reason, err)
		}
	}
	for _, dests := range [][]string{nil, {""}, {"telegram", "telegram"}} {
		if _, err := st.Queue(p.ID, dests, c.now(), false, ""); err == nil {
			t.Errorf("queued to %q", dests)
		}
	}
	if fileState(t, st) != before {
		t.Error("a refused queue wrote to the file")
	}

	sends, err := st.Queue(p.ID, []string{"telegram", "whatsapp"}, time.Time{}, true, " Crue de la Sorne : évacuation du quai ")
	if err != nil || len(sends) != 2 {
		t.Fatalf("urgent queue: %v %+v", err, sends)
	}
	for _, snd := range sends {
		if !snd.Urgent || snd.Reason != "Crue de la Sorne : évacuation du quai" || !snd.At.Equal(c.now()) {
			t.Errorf("urgent send: %+v", snd)
		}
	}
	if sends[0].ID >= sends[1].ID {
		t.Errorf("send ids out of order: %s %s", sends[0].ID, sends[1].ID)
	}
	events, err := st.Events(p.ID)
	if err != nil || len(events) != 2 || events[1].Kind != EventUrgent || events[1].Reason != "Crue de la Sorne : évacuation du quai" {
		t.Errorf("events: %v %+v", err, events)
	}
	if _, err := st.Queue(p.ID, []string{"whatsapp"}, c.now(), false, ""); !errors.Is(err, ErrStatus) {
		t.Errorf("queueing a destination already queued: %v", err)
	}

	// A store without the message rule cannot check the seal.
	q := validatedPost(t, st, "bibliotheque")
	st.Close()
	blind := openDesk(t, st.Path(), c, nil)
	if _, err := blind.Queue(q.ID, []string{"telegram"}, c.now(), false, ""); !errors.Is(err, ErrSealBroken) {
		t.Errorf("queueing without a message rule: %v", err)
	}
}

func TestBeginSendRefusesABrokenSeal(t *testing.T) {
	c := newClock()
	path := filepath.Join(t.TempDir(), "crieur.db")
	st := openDesk(t, path, c, testHash(""))

	// The body changes between validation and the send.
	edited := validatedPost(t, st, "marche")
	sends := mustQueue(t, st, edited.ID, c.now(), "telegram")
	edited.Body = "Le marché est déplacé place de la Mairie"
	saved := mustSave(t, st, edited)
	if saved.Status != StatusReady {
		t.Fatalf("the edit left the post %s", saved.Status)
	}
	before := fileState(t, st)
	if _, _, err := st.BeginSend(sends[0].ID); !errors.Is(err, ErrSealBroken) {
		t.Fatalf("begin after an edit: %v", err)
	}
	if fileState(t, st) != before {
		t.Error("a refused BeginSend wrote to the file")
	}
	if snd, _ := st.Send(sends[0].ID); snd.State != SendQueued || len(snd.Attempts) != 0 {
		t.Errorf("send after the refusal: %+v", snd)
	}

	// The rule changes (a setting now adds a signature): the same text
	// would no longer go out as validated.
	rule := validatedPost(t, st, "collecte")
	ruleSends := mustQueue(t, st, rule.ID, c.now(), "telegram", "webhook")
	st.Close()
	st = openDesk(t, path, c, testHash("— La mairie"))
	before = fileState(t, st)
	_, _, err := st.BeginSend(ruleSends[1].ID)
	if !errors.Is(err, ErrSealBroken) {
		t.Fatalf("begin under a changed rule: %v", err)
	}
	if msg := err.Error(); msg == ErrSealBroken.Error() || len(msg) > 200 {
		t.Errorf("message %q should name the post in one short line", msg)
	}
	if fileState(t, st) != before {
		t.Error("a refused BeginSend wrote to the file")
	}
	if got := postStatus(t, st, rule.ID); got != StatusValidated {
		t.Errorf("post after the refusal: %s", got)
	}
	if due, _ := st.Due(c.now()); len(due) != 3 {
		t.Errorf("refused sends should still wait in the queue: %+v", due)
	}

	// Back under the rule it was validated with, it goes.
	st.Close()
	st = openDesk(t, path, c, testHash(""))
	if _, _, err := st.BeginSend(ruleSends[1].ID); err != nil {
		t.Errorf("begin under the validated rule: %v", err)
	}
}

func TestCrashLeavesUnknownUntilResolved(t *testing.T) {
	c := newClock()
	path := filepath.Join(t.TempDir(), "crieur.db")
	st := openDesk(t, path, c, testHash(""))
	p := validatedPost(t, st, "eau")
	q := validatedPost(t, st, "voirie")
	id := mustQueue(t, st, p.ID, c.now(), "webhook")[0].ID
	other := mustQueue(t, st, q.ID, c.now(), "webhook")[0].ID
	if n, err := st.RecoverSending(); err != nil || n != 0 {
		t.Fatalf("recover with nothing under way: %d %v", n, err)
	}
	mustBegin(t, st, id)
	st.Close() // the laptop closes between "sending" and the outcome

	c.advance(time.Hour)
	st = openDesk(t, path, c, testHash(""))
	if n, err := st.RecoverSending(); err != nil || n != 1 {
		t.Fatalf("recover: %d %v", n, err)
	}
	snd, err := st.Send(id)
	if err != nil || snd.State != SendUnknown || snd.Last().State != SendUnknown || snd.Last().Err == "" || snd.Last().Code != CodeInterrupted || !snd.Last().Ended.Equal(c.now()) {
		t.Fatalf("recovered send: %v %+v", err, snd)
	}
	if got := postStatus(t, st, p.ID); got != StatusUnknown {
		t.Errorf("post of the recovered send: %s", got)
	}
	due, err := st.Due(c.now().Add(24 * time.Hour))
	if err != nil || len(due) != 1 || due[0].ID != other {
		t.Errorf("due after recovery: %v %+v", err, due)
	}
	before := fileState(t, st)
	if n, err := st.RecoverSending(); err != nil || n != 0 {
		t.Errorf("recovering twice: %d %v", n, err)
	}
	if fileState(t, st) != before {
		t.Error("recovering with nothing left wrote to the file")
	}
	unresolved, err := st.Unresolved()
	if err != nil || len(unresolved) != 1 || unresolved[0].ID != id {
		t.Fatalf("unresolved: %v %+v", err, unresolved)
	}

	// Nothing sends it again without a person.
	if _, _, err := st.BeginSend(id); !errors.Is(err, ErrStatus) {
		t.Errorf("begin an unknown send: %v", err)
	}
	if _, err := st.RetryNotSent(id, Failure{Detail: "offline"}); !errors.Is(err, ErrStatus) {
		t.Errorf("retry an unknown send: %v", err)
	}
	if _, err := st.FinishSend(id, SendSent, "", Failure{}); !errors.Is(err, ErrStatus) {
		t.Errorf("finish an unknown send: %v", err)
	}
	if _, err := st.Queue(p.ID, []string{"webhook"}, c.now(), false, ""); !errors.Is(err, ErrStatus) {
		t.Errorf("queue over an unknown send: %v", err)
	}
	if _, err := st.Resolve(other, true, "Camille"); !errors.Is(err, ErrStatus) {
		t.Errorf("resolve a queued send: %v", err)
	}

	// Camille looks at the channel: it did not go. It may be queued again.
	c.advance(time.Minute)
	res, err := st.Resolve(id, false, "Camille")
	if err != nil || res.State != SendFailed || res.Resolution == nil || res.Resolution.By != "Camille" || res.Resolution.Sent {
		t.Fatalf("resolve as not sent: %v %+v", err, res)
	}
	if got := postStatus(t, st, p.ID); got != StatusFailed {
		t.Errorf("post after resolving as not sent: %s", got)
	}
	if u, _ := st.Unresolved(); len(u) != 0 {
		t.Errorf("still unresolved: %+v", u)
	}
	events, _ := st.Events(p.ID)
	if last := events[len(events)-1]; last.Kind != EventResolved || last.By != "Camille" {
		t.Errorf("resolution event: %+v", last)
	}
	again := mustQueue(t, st, p.ID, c.now(), "webhook")[0]
	if got := postStatus(t, st, p.ID); got != StatusValidated {
		t.Errorf("post queued again after a failure: %s", got)
	}
	mustBegin(t, st, again.ID)
	mustFinish(t, st, again.ID, SendSent, "", "")
	if got := postStatus(t, st, p.ID); got != StatusSent {
		t.Errorf("post after the second send went: %s", got)
	}
	all, _ := st.Sends(p.ID)
	if len(all) != 2 || all[0].ID != id || all[0].State != SendFailed || all[1].State != SendSent {
		t.Errorf("the log keeps both sends: %+v", all)
	}

	// Resolved as sent, the post is sent and stays so.
	mustBegin(t, st, other)
	st.Close()
	st = openDesk(t, path, c, testHash(""))
	if n, _ := st.RecoverSending(); n != 1 {
		t.Fatalf("second recovery: %d", n)
	}
	if res, err := st.Resolve(other, true, "Camille"); err != nil || res.State != SendSent {
		t.Fatalf("resolve as sent: %v %+v", err, res)
	}
	if got := postStatus(t, st, q.ID); got != StatusSent {
		t.Errorf("post resolved as sent: %s", got)
	}
	if _, err := st.Queue(q.ID, []string{"webhook"}, c.now(), false, ""); !errors.Is(err, ErrAlreadySent) {
		t.Errorf("queue after resolving as sent: %v", err)
	}
	if _, err := st.Resolve(other, false, "Camille"); !errors.Is(err, ErrStatus) {
		t.Errorf("resolving twice: %v", err)
	}
}

func TestRetryNotSentOnlyWhenNothingLeft(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	p := validatedPost(t, st, "cantine")
	slot := c.now().Add(2 * time.Hour)
	if _, err := st.Plan(p.ID, slot); err != nil {
		t.Fatal(err)
	}
	id := mustQueue(t, st, p.ID, slot, "telegram")[0].ID
	if _, err := st.RetryNotSent(id, Failure{Detail: "offline"}); !errors.Is(err, ErrStatus) {
		t.Errorf("retry a queued send: %v", err)
	}

	c.advance(2 * time.Hour)
	mustBegin(t, st, id)
	snd := mustFinish(t, st, id, SendQueued, "", "dial tcp: lookup api.telegram.org: no such host")
	if snd.State != SendQueued || len(snd.Attempts) != 1 || !snd.Last().NotSent || snd.Last().State != SendFailed || snd.Last().Err == "" {
		t.Fatalf("not sent: %+v", snd)
	}
	if got := postStatus(t, st, p.ID); got != StatusPlanned {
		t.Errorf("post waiting again: %s", got)
	}
	if due, _ := st.Due(c.now()); len(due) != 1 || due[0].ID != id {
		t.Errorf("a send that never left is due again: %+v", due)
	}

	c.advance(time.Minute)
	mustBegin(t, st, id)
	snd, err := st.RetryNotSent(id, Failure{Detail: "connection refused"})
	if err != nil || snd.State != SendQueued || len(snd.Attempts) != 2 {
		t.Fatalf("retry: %v %+v", err, snd)
	}
	mustBegin(t, st, id)
	snd = mustFinish(t, st, id, SendFailed, "", "400 Bad Request: chat not found")
	if snd.Last().NotSent || len(snd.Attempts) != 3 {
		t.Errorf("failed attempt: %+v", snd.Last())
	}
	if got := postStatus(t, st, p.ID); got != StatusFailed {
		t.Errorf("post after a failure: %s", got)
	}
	if _, err := st.RetryNotSent(id, Failure{Detail: "offline"}); !errors.Is(err, ErrStatus) {
		t.Errorf("retry a failed send: %v", err)
	}
	if p, _ := st.Post(p.ID); !p.PlannedFor().Equal(slot) {
		t.Errorf("a failed post keeps its slot: %v", p.PlannedFor())
	}
}

func TestPostFollowsAllItsSends(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	steps := []struct {
		name string
		tg   SendState // the outcome for telegram, then for the webhook
		wh   SendState
		want Status
	}{
		{"both sent", SendSent, SendSent, StatusSent},
		{"one failed", SendSent, SendFailed, StatusFailed},
		{"one unknown", SendSent, SendUnknown, StatusUnknown},
		{"unknown before failed", SendFailed, SendUnknown, StatusUnknown},
		{"both failed", SendFailed, SendFailed, StatusFailed},
	}
	for _, step := range steps {
		t.Run(step.name, func(t *testing.T) {
			p := validatedPost(t, st, step.name)
			sends := mustQueue(t, st, p.ID, c.now(), "telegram", "webhook")
			tg, wh := sends[0].ID, sends[1].ID
			mustBegin(t, st, tg)
			mustBegin(t, st, wh)
			if got := postStatus(t, st, p.ID); got != StatusSending {
				t.Errorf("both under way: %s", got)
			}
			mustFinish(t, st, tg, step.tg, "", "")
			if got := postStatus(t, st, p.ID); got != StatusSending {
				t.Errorf("one still under way: %s", got)
			}
			mustFinish(t, st, wh, step.wh, "", "")
			if got := postStatus(t, st, p.ID); got != step.want {
				t.Errorf("post %s, want %s", got, step.want)
			}
		})
	}

	// One destination went, the other waits in the queue: still sending.
	p := validatedPost(t, st, "partiel")
	sends := mustQueue(t, st, p.ID, c.now(), "telegram", "webhook")
	mustBegin(t, st, sends[0].ID)
	mustFinish(t, st, sends[0].ID, SendSent, "", "")
	if got := postStatus(t, st, p.ID); got != StatusSending {
		t.Errorf("half sent: %s", got)
	}
	mustBegin(t, st, sends[1].ID)
	mustFinish(t, st, sends[1].ID, SendFailed, "", "503")
	// The failed destination alone is queued again; the other is not.
	if _, err := st.Queue(p.ID, []string{"telegram"}, c.now(), false, ""); !errors.Is(err, ErrAlreadySent) {
		t.Errorf("queue the destination that has it: %v", err)
	}
	retry := mustQueue(t, st, p.ID, c.now(), "webhook")[0]
	if got := postStatus(t, st, p.ID); got != StatusSending {
		t.Errorf("sent on one side, queued on the other: %s", got)
	}
	mustBegin(t, st, retry.ID)
	mustFinish(t, st, retry.ID, SendSent, "", "")
	if got := postStatus(t, st, p.ID); got != StatusSent {
		t.Errorf("both sides sent at last: %s", got)
	}
}

func TestDueOrderAndCancel(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	now := c.now()
	late := mustQueue(t, st, validatedPost(t, st, "tard").ID, now.Add(3*time.Hour), "telegram")[0]
	early := mustQueue(t, st, validatedPost(t, st, "tot").ID, now.Add(time.Hour), "telegram")[0]
	later := mustQueue(t, st, validatedPost(t, st, "demain").ID, now.Add(24*time.Hour), "telegram")[0]
	due, err := st.Due(now.Add(3 * time.Hour))
	if err != nil || len(due) != 2 || due[0].ID != early.ID || due[1].ID != late.ID {
		t.Fatalf("due, oldest first: %v %+v", err, due)
	}
	if c, err := st.Cancel(early.ID); err != nil || c.State != SendCancelled {
		t.Fatalf("cancel: %v %+v", err, c)
	}
	if _, err := st.Cancel(early.ID); !errors.Is(err, ErrStatus) {
		t.Errorf("cancel twice: %v", err)
	}
	if _, _, err := st.BeginSend(early.ID); !errors.Is(err, ErrStatus) {
		t.Errorf("begin a cancelled send: %v", err)
	}
	due, _ = st.Due(now.Add(48 * time.Hour))
	if len(due) != 2 || due[0].ID != late.ID || due[1].ID != later.ID {
		t.Errorf("due after a cancel: %+v", due)
	}
	if again := mustQueue(t, st, early.Post, now, "telegram")[0]; again.ID <= later.ID {
		t.Errorf("a new send sorts after the others: %s", again.ID)
	}
}

func TestSendKeepsTheWorkingCopy(t *testing.T) {
	c := newClock()
	st := openDesk(t, filepath.Join(t.TempDir(), "crieur.db"), c, testHash(""))
	p := validatedPost(t, st, "fete")
	id := mustQueue(t, st, p.ID, c.now(), "manual")[0].ID
	typing := p
	typing.Notes = "à relire avec le service des fêtes"
	if err := st.SaveWorking(typing); err != nil {
		t.Fatal(err)
	}
	mustBegin(t, st, id)
	mustFinish(t, st, id, SendSent, "", "")
	w, ok, err := st.Working(p.ID)
	if err != nil || !ok || w.Notes != typing.Notes {
		t.Errorf("working copy after the send: %v %v %q", err, ok, w.Notes)
	}
}

// A file written before the send log had its buckets gets them on open.
func TestOlderFileGetsTheSendBuckets(t *testing.T) {
	c := newClock()
	path := filepath.Join(t.TempDir(), "crieur.db")
	st := openDesk(t, path, c, testHash(""))
	p := validatedPost(t, st, "ancien")
	err := st.db.Update(func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketSends, bucketPostSends, bucketQueue, bucketOpenSends, bucketSlots} {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	st = openDesk(t, path, c, testHash(""))
	if _, err := st.Plan(p.ID, c.now().Add(time.Hour)); err != nil {
		t.Fatalf("plan in an older file: %v", err)
	}
	mustQueue(t, st, p.ID, c.now(), "telegram")
}
