package main

// The crash loop's checks (crashloop_test.go), run on the data file after
// every cycle.

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"crieur/sender"
	"crieur/store"
)

// titles maps every post's title to its id.
func titles(t *testing.T, st *store.Store) map[string]string {
	t.Helper()
	sums, err := st.Summaries()
	if err != nil {
		t.Fatal(err)
	}
	ids := make(map[string]string, len(sums))
	for _, s := range sums {
		ids[s.Title()] = s.ID()
	}
	return ids
}

// window is how many of the older saves and imports each cycle checks
// again, in turn; all are checked at the end.
const window = 64

// verify opens the file and checks it: bbolt's check, the acknowledged
// saves and imports (the last cycle's and a window of older ones, or all),
// and the sends the webhook received.
func (cl *crashLoop) verify(t *testing.T, all bool) {
	t.Helper()
	st := cl.open(t)
	defer st.Close()
	if err := st.Check(); err != nil {
		t.Fatalf("bbolt's check: %v", err)
	}
	ids := titles(t, st)
	cl.checkPlanned(t, st)

	saves, imports := cl.saves, cl.imports
	if !all {
		saves, imports = cl.recent(saves, cl.imports)
	}
	for _, p := range saves {
		cl.checkSaves(t, st, ids, p)
	}
	for _, b := range imports {
		cl.checkImport(t, st, ids, b)
	}
	cl.checkSends(t, st)
}

// recent picks the saves and imports of the last cycle and the next
// window of older ones.
func (cl *crashLoop) recent(saves []*ackedPost, imports []*importBatch) ([]*ackedPost, []*importBatch) {
	n := len(saves) + len(imports)
	if n <= window+1 {
		return saves, imports
	}
	var s []*ackedPost
	var b []*importBatch
	pick := func(j int) {
		if j < len(saves) {
			s = append(s, saves[j])
		} else {
			b = append(b, imports[j-len(saves)])
		}
	}
	pick(len(saves) - 1)
	pick(n - 1)
	for range window {
		cl.checked = (cl.checked + 1) % n
		pick(cl.checked)
	}
	return s, b
}

func (cl *crashLoop) checkSaves(t *testing.T, st *store.Store, ids map[string]string, p *ackedPost) {
	t.Helper()
	id, ok := ids[p.title]
	if !ok {
		t.Fatalf("lost: %q was saved (rev. %v shown as saved) and is not in the file", p.title, slices.Sorted(maps.Keys(p.bodies)))
	}
	revs, err := st.Revisions(id)
	if err != nil {
		t.Fatalf("%q: %v", p.title, err)
	}
	for j, r := range revs {
		if r.Rev != uint64(j+1) {
			t.Fatalf("%q: revision %d where %d should be; revisions %v", p.title, r.Rev, j+1, revNumbers(revs))
		}
	}
	for rev, body := range p.bodies {
		if rev > uint64(len(revs)) {
			t.Fatalf("lost: %q rev. %d was shown as saved; the file has %d revisions", p.title, rev, len(revs))
		}
		r := revs[rev-1]
		if r.Kind != store.RevSave || r.Post.Title != p.title || r.Post.Body != body || r.Post.Link != p.link {
			t.Fatalf("%q rev. %d: the file holds a %s revision %q / %q / %q, want the save of %q", p.title, rev, r.Kind, r.Post.Title, r.Post.Body, r.Post.Link, body)
		}
	}
}

func (cl *crashLoop) checkImport(t *testing.T, st *store.Store, ids map[string]string, b *importBatch) {
	t.Helper()
	var found, missing []string
	for j, title := range b.titles {
		id, ok := ids[title]
		if !ok {
			missing = append(missing, title)
			continue
		}
		found = append(found, title)
		revs, err := st.Revisions(id)
		if err != nil {
			t.Fatalf("%q: %v", title, err)
		}
		if r := revs[0]; r.Rev != 1 || r.Kind != store.RevImport || r.Post.Body != b.bodies[j] {
			t.Fatalf("%q: first revision %d %s %q, want the import of %q", title, r.Rev, r.Kind, r.Post.Body, b.bodies[j])
		}
	}
	switch {
	case len(found) > 0 && len(missing) > 0:
		t.Fatalf("half an import: %v are in the file, %v are not", found, missing)
	case b.acked && len(missing) > 0:
		t.Fatalf("lost: crieur import printed that %v went in; they are not in the file", missing)
	}
}

// checkPlanned checks that every planned post has its send queued: a
// post in a slot with nothing queued would silently never go out.
func (cl *crashLoop) checkPlanned(t *testing.T, st *store.Store) {
	t.Helper()
	sums, err := st.Summaries()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sums {
		if s.Status() != store.StatusPlanned {
			continue
		}
		sends, err := st.Sends(s.ID())
		if err != nil {
			t.Fatal(err)
		}
		queued := false
		for _, snd := range sends {
			queued = queued || (snd.Destination == "hook" && snd.State == store.SendQueued)
		}
		if !queued {
			t.Fatalf("%q is planned and nothing is queued to send it: it will not go out (sends %+v)", s.Title(), sends)
		}
	}
}

// checkSends compares the send log with what the webhook received: a send
// it received is sending, unknown or sent (sent only if it was answered),
// never queued, failed or cancelled; and nothing it received is in the
// queue again.
func (cl *crashLoop) checkSends(t *testing.T, st *store.Store) {
	t.Helper()
	if problems := cl.hook.problems(); len(problems) > 0 {
		t.Fatalf("the webhook: %s", strings.Join(problems, "; "))
	}
	for _, r := range cl.hook.unsettled() {
		snd, err := st.Send(r.send)
		if err != nil {
			t.Fatalf("the webhook received send %s: %v", r.send, err)
		}
		if snd.Post != r.post {
			t.Fatalf("send %s is of post %s in the file, and carried post %s", r.send, snd.Post, r.post)
		}
		if want := sender.IdempotencyKey(snd.Post, snd.Destination, snd.Hash); r.key != want {
			t.Fatalf("send %s carried the idempotency key %s, want %s (post, destination, seal)", r.send, r.key, want)
		}
		switch snd.State {
		case store.SendSending, store.SendUnknown:
		case store.SendSent:
			if !r.answered {
				t.Fatalf("send %s is sent, but the webhook never answered it", r.send)
			}
		default:
			t.Fatalf("send %s reached the webhook and is %s in the file", r.send, snd.State)
		}
		if snd.State != store.SendSending {
			cl.hook.settle(r.send)
			cl.sendsChecked++
		}
	}
	queued, err := st.Due(time.Now().AddDate(100, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, snd := range queued {
		if cl.hook.received(snd.ID) {
			t.Fatalf("send %s reached the webhook and is queued again", snd.ID)
		}
	}
}

func revNumbers(revs []store.Revision) []uint64 {
	var out []uint64
	for _, r := range revs {
		out = append(out, r.Rev)
	}
	return out
}
