package main

// Hostile input (hostile_test.go) in time: a destination that never
// answers, a clock set back.

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"crieur/sender"
	"crieur/settings"
	"crieur/store"
	"crieur/ui/i18n"
)

// hostileSilentServer: a webhook destination that takes the request and
// never answers. The send ends unknown with a message that says it timed
// out, is never sent again by itself, and the send log says so; a link
// card read from the same server gives up too.
func hostileSilentServer(t *testing.T) string {
	var mu sync.Mutex
	var keys []string
	stop := make(chan struct{})
	silent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		keys = append(keys, r.Header.Get(sender.HeaderIdempotency))
		mu.Unlock()
		// Read to the end, so that the server notices the client leave.
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	}))
	defer silent.Close()
	defer close(stop)

	d := newDesk(t)
	d.destinations("[[destination]]\nname = \"hook\"\nkind = \"webhook\"\nurl = \"" + silent.URL + "/hook\"\n")
	ids := d.queue("Piscine fermée", "hook")
	settings, _, err := settings.Load(d.cfg, englishSettings)
	if err != nil {
		t.Fatal(err)
	}
	secrets, err := sender.LoadSecrets(filepath.Join(filepath.Dir(d.cfg), "secrets.env"), env(nil))
	if err != nil {
		t.Fatal(err)
	}
	// The webhook's own timeouts (10 s, three attempts) made short.
	backends, err := sender.BuildBackends(settings, secrets, &http.Client{}, t.TempDir(),
		sender.WithTimeout(300*time.Millisecond), sender.WithAttempts(2), sender.WithBackoff(10*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	run := func() string {
		st, err := store.Open(d.db, store.Options{Hash: func(p store.Post) string { return sender.Seal(p, settings) }})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		report, err := (&sender.Dispatcher{Store: st, Settings: settings, Backends: backends}).RunDue(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		(&cli{stdout: &out}).printReport(report)
		return out.String()
	}
	first := run()
	if !strings.HasPrefix(first, "unknown ") || !strings.Contains(first, i18n.For("en").SendErrors.Codes["timeout"]) {
		t.Errorf("first run:\n%s", first)
	}
	mu.Lock()
	tried := len(keys)
	mu.Unlock()
	second := run()
	if !strings.Contains(second, "nothing is due") || !strings.Contains(second, "check the channel: it is not sent again by itself") {
		t.Errorf("second run:\n%s", second)
	}
	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	snd, err := st.Send(ids[0])
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if key := sender.IdempotencyKey(snd.Post, "hook", snd.Hash); len(keys) != tried || tried != 2 || keys[0] != key || keys[1] != key {
		t.Errorf("the server got %q; want the key %s twice (both attempts of one run)", keys, key)
	}
	p, err := st.Post(snd.Post)
	if err != nil {
		t.Fatal(err)
	}
	if snd.State != store.SendUnknown || len(snd.Attempts) != 1 || snd.Last().State != store.SendUnknown ||
		!strings.Contains(snd.Last().Err, "no answer within 300ms") || p.Status != store.StatusUnknown {
		t.Errorf("send log %+v, post %s; want one unknown attempt and an unknown post", snd, p.Status)
	}
	if unresolved, err := st.Unresolved(); err != nil || len(unresolved) != 1 || unresolved[0].ID != ids[0] {
		t.Errorf("unresolved %+v, %v", unresolved, err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	if _, err := sender.FetchCard(ctx, &http.Client{}, silent.URL+"/page", time.Now()); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("card from a silent server: %v", err)
	}
	return strings.TrimSpace(strings.Split(first, "\n")[0])
}

// hostileClockBack: the clock goes back an hour and a half between two
// runs (a wrong NTP, a dead CMOS battery). Revisions keep their order,
// what was sent is not sent again, what is due later is not sent early,
// and validation still binds the sent text.
func hostileClockBack(t *testing.T) string {
	d := newDesk(t)
	hook := newFakeDestination(t, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	d.destinations("[[destination]]\nname = \"hook\"\nkind = \"webhook\"\nurl = \"" + hook.URL + "\"\n")
	settings, _, err := settings.Load(d.cfg, englishSettings)
	if err != nil {
		t.Fatal(err)
	}
	monday := time.Date(2025, 11, 24, 9, 0, 0, 0, settings.Location())
	now := monday
	clock := func() time.Time { return now }
	open := func() *store.Store {
		st, err := store.Open(d.db, store.Options{Now: clock, Hash: func(p store.Post) string { return sender.Seal(p, settings) }})
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	send := func() string {
		var out, errOut bytes.Buffer
		c := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: env(nil), now: clock}
		if code := c.run([]string{"--db", d.db, "--config", d.cfg, "send", "--due"}); code != 0 {
			t.Fatalf("send --due at %v: exit %d %s", now, code, errOut.String())
		}
		return out.String()
	}
	validated := func(st *store.Store, title string, at time.Time) store.Post {
		p, err := st.SavePost(store.Post{Title: title, Body: "*" + title + "* : fermée", Link: "https://www.valbourg.fr/piscine", Category: "service", Status: store.StatusReady})
		if err != nil {
			t.Fatal(err)
		}
		if p, err = st.Validate(p.ID, p.Rev, "Camille"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Queue(p.ID, []string{"hook"}, at, false, ""); err != nil {
			t.Fatal(err)
		}
		return p
	}

	st := open()
	first := validated(st, "Piscine", monday.Add(time.Hour))
	draft, err := st.SavePost(store.Post{Title: "Brouillon", Body: "v1"})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	now = monday.Add(2 * time.Hour)
	msg := strings.TrimSpace(send())
	if !strings.Contains(msg, "sent        Piscine -> hook") {
		t.Fatalf("at 11:00:\n%s", msg)
	}

	now = monday.Add(30 * time.Minute) // back by an hour and a half
	st = open()
	draft.Body = "v2"
	if draft, err = st.SavePost(draft); err != nil {
		t.Fatal(err)
	}
	later := validated(st, "Médiathèque", monday.Add(90*time.Minute))
	st.Close()
	if out := send(); out != "nothing is due\n" {
		t.Errorf("at 09:30, after the clock went back:\n%s", out)
	}
	msg += "; after the clock went back: " + strings.TrimSpace(send())
	now = monday.Add(100 * time.Minute)
	if out := send(); !strings.Contains(out, "sent        Médiathèque -> hook") || strings.Contains(out, "Piscine") {
		t.Errorf("at 10:40:\n%s", out)
	}

	st = open()
	defer st.Close()
	revs, err := st.Revisions(draft.ID)
	if err != nil || len(revs) != 2 || revs[0].Rev != 1 || revs[1].Rev != 2 || revs[1].Post.Body != "v2" {
		t.Errorf("revisions after the clock went back: %+v, %v", revs, err)
	}
	var sendIDs []string
	for _, p := range []store.Post{first, later} {
		sends, err := st.Sends(p.ID)
		if err != nil || len(sends) != 1 || sends[0].State != store.SendSent || len(sends[0].Attempts) != 1 {
			t.Errorf("%s: sends %+v, %v; want one sent, in one attempt", p.Title, sends, err)
			continue
		}
		sendIDs = append(sendIDs, sends[0].ID)
		got, err := st.Post(p.ID)
		if err != nil || got.Status != store.StatusSent || got.Validation == nil || sends[0].Hash != got.Validation.Hash {
			t.Errorf("%s after sending: %+v, %v", p.Title, got, err)
		}
	}
	if len(sendIDs) == 2 && sendIDs[1] <= sendIDs[0] {
		t.Errorf("the send log's ids went back with the clock: %v", sendIDs)
	}
	if n := hook.count.Load(); n != 2 {
		t.Errorf("the destination got %d requests; want one per post", n)
	}
	return msg
}
