package sender

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"crieur/settings"
	"crieur/store"
)

// sendDesk is a data file whose seal follows the settings, as the desk
// opens it, with a dispatcher on it.
type sendDesk struct {
	t  *testing.T
	st *store.Store
	d  *Dispatcher
}

func newSendDesk(t *testing.T, backends map[string]Backend) *sendDesk {
	t.Helper()
	settings := settings.Default()
	st, err := store.Open(filepath.Join(t.TempDir(), "crieur.db"), store.Options{
		Hash: func(p store.Post) string { return Seal(p, settings) },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return &sendDesk{t: t, st: st, d: &Dispatcher{Store: st, Settings: settings, Backends: backends}}
}

// queued validates a post and queues it, due now, for dests.
func (sd *sendDesk) queued(title string, dests ...string) (store.Post, []store.Send) {
	sd.t.Helper()
	p := sd.validated(title)
	sends, err := sd.st.Queue(p.ID, dests, time.Now(), false, "")
	if err != nil {
		sd.t.Fatal(err)
	}
	return p, sends
}

// validated saves a post and validates it.
func (sd *sendDesk) validated(title string) store.Post {
	sd.t.Helper()
	p, err := sd.st.SavePost(store.Post{Title: title, Body: "*" + title + "* : horaires d'été", Link: "https://valbourg.fr/piscine", Category: "service", Status: store.StatusReady})
	if err != nil {
		sd.t.Fatal(err)
	}
	if p, err = sd.st.Validate(p.ID, p.Rev, "Camille"); err != nil {
		sd.t.Fatal(err)
	}
	return p
}

func (sd *sendDesk) run() Report {
	sd.t.Helper()
	r, err := sd.d.RunDue(context.Background())
	if err != nil {
		sd.t.Fatalf("run: %v", err)
	}
	return r
}

func (sd *sendDesk) send(id string) store.Send {
	sd.t.Helper()
	snd, err := sd.st.Send(id)
	if err != nil {
		sd.t.Fatal(err)
	}
	return snd
}

func (sd *sendDesk) status(id string) store.Status {
	sd.t.Helper()
	p, err := sd.st.Post(id)
	if err != nil {
		sd.t.Fatal(err)
	}
	return p.Status
}

func telegramOK(n int, w http.ResponseWriter, _ *http.Request) {
	fmt.Fprintf(w, `{"ok":true,"result":{"message_id":%d}}`, 4000+n)
}

func results(r Report) []Result {
	var out []Result
	for _, s := range r.Sends {
		out = append(out, s.Result)
	}
	return out
}

func TestRunDueSendsToEveryDestination(t *testing.T) {
	tg := newRecorder(t, telegramOK)
	hook := newRecorder(t, status(200, `{"id":"hook-7"}`))
	sd := newSendDesk(t, map[string]Backend{
		"telegram":   newBot(tg.URL),
		"automation": newHook(hook.URL),
	})
	p, sends := sd.queued("Piscine", "telegram", "automation")

	r := sd.run()
	if len(r.Sends) != 2 || r.Problems() != 0 || r.Recovered != 0 {
		t.Fatalf("report %+v", r)
	}
	for _, s := range r.Sends {
		if s.Result != ResultSent || s.Title != "Piscine" || s.Err != "" {
			t.Errorf("send report %+v", s)
		}
	}
	if got := sd.send(sends[0].ID); got.State != store.SendSent || got.Last().RemoteID != "4001" {
		t.Errorf("telegram send %+v", got)
	}
	if got := sd.send(sends[1].ID); got.State != store.SendSent || got.Last().RemoteID != "hook-7" {
		t.Errorf("webhook send %+v", got)
	}
	if got := sd.status(p.ID); got != store.StatusSent {
		t.Errorf("post is %s, want sent", got)
	}
	var tgBody struct{ Text string }
	if reqs := tg.requests(); len(reqs) != 1 || json.Unmarshal(reqs[0].Body, &tgBody) != nil || !strings.Contains(tgBody.Text, "<b>Piscine</b>") {
		t.Errorf("telegram received %d requests: %+v", len(reqs), tgBody)
	}
	key := IdempotencyKey(p.ID, "automation", sd.send(sends[1].ID).Hash)
	if reqs := hook.requests(); len(reqs) != 1 || reqs[0].Header.Get(HeaderIdempotency) != key {
		t.Errorf("webhook received %d requests, want one with the key %s", len(reqs), key)
	}

	// Nothing is due any more.
	if r := sd.run(); len(r.Sends) != 0 || len(tg.requests()) != 1 || len(hook.requests()) != 1 {
		t.Errorf("second run %+v", r)
	}
}

func TestRunDueTelegram500IsUnknownAndNotResent(t *testing.T) {
	tg := newRecorder(t, status(500, `{"ok":false,"error_code":500,"description":"Internal Server Error"}`))
	sd := newSendDesk(t, map[string]Backend{"telegram": newBot(tg.URL)})
	p, sends := sd.queued("Alerte", "telegram")

	r := sd.run()
	if got := results(r); len(got) != 1 || got[0] != ResultUnknown || r.Problems() != 1 {
		t.Fatalf("report %+v", r)
	}
	if err := r.Sends[0].Err; !strings.Contains(err, "HTTP 500") || strings.Contains(err, botToken) {
		t.Errorf("error text %q", err)
	}
	if s := r.Sends[0]; s.Code != CodeServerError || s.HTTP != 500 {
		t.Errorf("code %s, HTTP %d", s.Code, s.HTTP)
	}
	got := sd.send(sends[0].ID)
	if got.State != store.SendUnknown {
		t.Errorf("send is %s, want unknown", got.State)
	}
	// The log keeps the code for the catalogue, and the words for the
	// technical record.
	if a := got.Last(); a.Code != string(CodeServerError) || a.HTTP != 500 || !strings.Contains(a.Err, "HTTP 500") {
		t.Errorf("the log recorded %+v", a)
	}
	if got := sd.status(p.ID); got != store.StatusUnknown {
		t.Errorf("post is %s, want unknown", got)
	}

	r = sd.run()
	if len(r.Sends) != 0 || r.Problems() != 0 {
		t.Errorf("second run tried again: %+v", r)
	}
	if len(r.Unresolved) != 1 || r.Unresolved[0].Title != "Alerte" || r.Unresolved[0].Destination != "telegram" {
		t.Errorf("unresolved %+v", r.Unresolved)
	}
	if n := len(tg.requests()); n != 1 {
		t.Errorf("Telegram received %d requests, want 1", n)
	}
}

func TestRunDueRefusedConnectionWaits(t *testing.T) {
	tg := newRecorder(t, telegramOK)
	sd := newSendDesk(t, map[string]Backend{"telegram": newBot(refusedURL(t))})
	p, sends := sd.queued("Collecte", "telegram")

	r := sd.run()
	if got := results(r); len(got) != 1 || got[0] != ResultWaiting || r.Problems() != 0 {
		t.Fatalf("report %+v", r)
	}
	got := sd.send(sends[0].ID)
	if got.State != store.SendQueued || len(got.Attempts) != 1 || !got.Last().NotSent {
		t.Errorf("send after a refused connection %+v", got)
	}
	if st := sd.status(p.ID); st != store.StatusValidated {
		t.Errorf("post is %s, want validated", st)
	}

	// The network is back.
	sd.d.Backends["telegram"] = newBot(tg.URL)
	r = sd.run()
	if got := results(r); len(got) != 1 || got[0] != ResultSent {
		t.Fatalf("later run %+v", r)
	}
	if got := sd.send(sends[0].ID); got.State != store.SendSent || len(got.Attempts) != 2 {
		t.Errorf("send %+v", got)
	}
	if n := len(tg.requests()); n != 1 {
		t.Errorf("Telegram received %d requests, want 1", n)
	}
}

func TestRunDueStopsABrokenSeal(t *testing.T) {
	hook := newRecorder(t, status(200, `{}`))
	sd := newSendDesk(t, map[string]Backend{"automation": newHook(hook.URL)})
	p, sends := sd.queued("Marché", "automation")
	p.Body = "Le marché est déplacé place de la Mairie"
	if _, err := sd.st.SavePost(p); err != nil {
		t.Fatal(err)
	}

	for _, dry := range []bool{true, false} {
		r, err := sd.d.run(context.Background(), dry)
		if err != nil {
			t.Fatal(err)
		}
		if got := results(r); len(got) != 1 || got[0] != ResultSealBroken || r.Problems() != 1 {
			t.Fatalf("dry %v: report %+v", dry, r)
		}
		if !strings.Contains(r.Sends[0].Err, "validate it again") || r.Sends[0].Code != CodeSealBroken {
			t.Errorf("dry %v: %s %q", dry, r.Sends[0].Code, r.Sends[0].Err)
		}
	}
	if got := sd.send(sends[0].ID); got.State != store.SendQueued || len(got.Attempts) != 0 {
		t.Errorf("send after a broken seal %+v", got)
	}
	if n := len(hook.requests()); n != 0 {
		t.Errorf("the server received %d requests", n)
	}
}

func TestDryRunSendsNothing(t *testing.T) {
	hook := newRecorder(t, status(200, `{}`))
	sd := newSendDesk(t, map[string]Backend{"automation": newHook(hook.URL)})
	_, sends := sd.queued("Piscine", "automation", "whatsapp")

	r, err := sd.d.DryRun(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := results(r); len(got) != 2 || got[0] != ResultDue || got[1] != ResultOrphaned || !r.DryRun {
		t.Fatalf("dry run %+v", r)
	}
	if !strings.Contains(r.Sends[1].Err, `whatsapp is no longer in the settings`) {
		t.Errorf("error text %q", r.Sends[1].Err)
	}
	for _, s := range sends {
		if got := sd.send(s.ID); got.State != store.SendQueued || len(got.Attempts) != 0 {
			t.Errorf("send after a dry run %+v", got)
		}
	}
	if n := len(hook.requests()); n != 0 {
		t.Errorf("the server received %d requests", n)
	}

	// A real run leaves the send to a destination not configured in the queue.
	r = sd.run()
	if got := results(r); len(got) != 2 || got[0] != ResultSent || got[1] != ResultOrphaned || r.Problems() != 1 {
		t.Errorf("run %+v", r)
	}
	if got := sd.send(sends[1].ID); got.State != store.SendQueued {
		t.Errorf("send to a missing destination is %s", got.State)
	}
}

// With --offline the desk builds only the copy-and-paste back-end: a due
// send to another destination of the settings waits in the queue,
// untouched, and is no problem for a person; one to a destination the
// settings do not have still is.
func TestRunDueLeavesAnUnreachedDestinationQueued(t *testing.T) {
	hook := newRecorder(t, status(200, `{}`))
	sd := newSendDesk(t, map[string]Backend{"automation": newHook(hook.URL)})
	sd.d.Settings.Destinations = []settings.Destination{
		{Name: "automation", Kind: settings.KindWebhook, URL: hook.URL},
		{Name: "telegram", Kind: settings.KindTelegram, ChatID: "@valbourg"},
	}
	if !sd.d.Unreached("telegram") || sd.d.Unreached("automation") || sd.d.Unreached("whatsapp") {
		t.Fatal("only telegram is a destination of the settings without a back-end")
	}
	p, sends := sd.queued("Piscine", "automation", "telegram", "whatsapp")

	r, err := sd.d.DryRun(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got := results(r); len(got) != 3 || got[0] != ResultDue || got[1] != ResultWaiting || got[2] != ResultOrphaned {
		t.Fatalf("dry run %+v", r)
	}
	for run := 1; run <= 2; run++ {
		r = sd.run()
		got := results(r)
		if run == 2 {
			got = append([]Result{ResultSent}, got...) // the sent one is no longer due
		}
		if len(got) != 3 || got[0] != ResultSent || got[1] != ResultWaiting || got[2] != ResultOrphaned || r.Problems() != 1 {
			t.Fatalf("run %d: %+v", run, r)
		}
		w := r.Sends[len(r.Sends)-2]
		if w.Destination != "telegram" || !strings.Contains(w.Err, "telegram is not reached in this run") {
			t.Errorf("run %d: waiting send %+v", run, w)
		}
		if got := sd.send(sends[1].ID); got.State != store.SendQueued || len(got.Attempts) != 0 || !got.At.Equal(sends[1].At) {
			t.Errorf("run %d: the unreached send was touched: %+v", run, got)
		}
		if len(r.Unresolved) != 0 {
			t.Errorf("run %d: unresolved %+v", run, r.Unresolved)
		}
	}
	if st := sd.status(p.ID); st != store.StatusSending {
		t.Errorf("post is %s, want sending (one sent, the rest queued)", st)
	}

	// The network is back: the next run sends it.
	tg := newRecorder(t, telegramOK)
	sd.d.Backends["telegram"] = newBot(tg.URL)
	r = sd.run()
	if got := results(r); len(got) != 2 || got[0] != ResultSent || got[1] != ResultOrphaned {
		t.Fatalf("run with the network %+v", r)
	}
	if got := sd.send(sends[1].ID); got.State != store.SendSent || len(got.Attempts) != 1 {
		t.Errorf("send once the network is back %+v", got)
	}
}

// A send by copy and paste is to paste, never unknown: it is no problem
// for the run, nothing sends it again, and the person's word settles it.
func TestRunDueManualIsToPaste(t *testing.T) {
	for _, went := range []bool{true, false} {
		outbox := filepath.Join(t.TempDir(), "outbox")
		clip := &fakeClipboard{}
		sd := newSendDesk(t, map[string]Backend{"manual": NewManual(outbox, clip)})
		p, sends := sd.queued("Piscine", "manual")

		r := sd.run()
		if got := results(r); len(got) != 1 || got[0] != ResultToPaste {
			t.Fatalf("report %+v", r)
		}
		if r.Problems() != 0 || len(r.Unresolved) != 0 {
			t.Errorf("a paste counted as a problem: %+v", r)
		}
		text, err := os.ReadFile(r.Sends[0].Outbox)
		if err != nil || !strings.Contains(string(text), "*Piscine*") || clip.got != string(text) || !r.Sends[0].Copied {
			t.Errorf("outbox %q: %q, %v; clipboard %q; copied %v", r.Sends[0].Outbox, text, err, clip.got, r.Sends[0].Copied)
		}
		got := sd.send(sends[0].ID)
		if got.State != store.SendPaste || got.Last().Outbox != r.Sends[0].Outbox {
			t.Errorf("send %+v, want to paste, with its file", got)
		}
		if st := sd.status(p.ID); st != store.StatusSending {
			t.Errorf("post is %s, want sending while the text waits to be pasted", st)
		}

		// A second run sends nothing again and still lists the paste.
		r = sd.run()
		if len(r.Sends) != 0 || len(r.ToPaste) != 1 || r.ToPaste[0].SendID != sends[0].ID || r.ToPaste[0].Outbox == "" {
			t.Errorf("second run %+v", r)
		}
		if files, _ := os.ReadDir(outbox); len(files) != 1 {
			t.Errorf("the outbox holds %d files after two runs, want 1", len(files))
		}

		if _, err := sd.st.Resolve(sends[0].ID, went, "Camille"); err != nil {
			t.Fatal(err)
		}
		want, status := store.SendFailed, store.StatusFailed
		if went {
			want, status = store.SendSent, store.StatusSent
		}
		if got := sd.send(sends[0].ID); got.State != want || got.Resolution == nil || got.Resolution.By != "Camille" {
			t.Errorf("settled send %+v, want %s", got, want)
		}
		if st := sd.status(p.ID); st != status {
			t.Errorf("post is %s once settled, want %s", st, status)
		}
		if r = sd.run(); len(r.ToPaste) != 0 || len(r.Sends) != 0 {
			t.Errorf("run after settling %+v", r)
		}
	}
}

func TestRunDueStopsWhenCancelled(t *testing.T) {
	hook := newRecorder(t, status(200, `{}`))
	sd := newSendDesk(t, map[string]Backend{"automation": newHook(hook.URL)})
	_, sends := sd.queued("Piscine", "automation")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := sd.d.RunDue(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("run after cancel: %v", err)
	}
	if got := sd.send(sends[0].ID); got.State != store.SendQueued || len(hook.requests()) != 0 {
		t.Errorf("send %+v", got)
	}
}

func TestBuildBackends(t *testing.T) {
	s, err := settings.Parse([]byte(`
[[destination]]
name = "manual"
kind = "manual"
[[destination]]
name = "canal"
kind = "telegram"
chat_id = "@valbourg"
[[destination]]
name = "automation"
kind = "webhook"
url = "https://hooks.example.org/crieur"
`))
	if err != nil {
		t.Fatal(err)
	}
	env := func(vars map[string]string) func(string) string { return func(k string) string { return vars[k] } }
	secrets, err := LoadSecrets("", env(map[string]string{EnvTelegramToken: botToken, EnvWebhookSecret: "k"}))
	if err != nil {
		t.Fatal(err)
	}
	backends, err := BuildBackends(s, secrets, nil, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, kind := range map[string]string{"manual": "manual", "canal": "telegram", "automation": "webhook"} {
		if b, ok := backends[name]; !ok || b.Name() != kind {
			t.Errorf("destination %s: %v", name, b)
		}
	}

	for _, missing := range []string{EnvTelegramToken, EnvWebhookSecret} {
		vars := map[string]string{EnvTelegramToken: botToken, EnvWebhookSecret: "k"}
		delete(vars, missing)
		secrets, _ := LoadSecrets("", env(vars))
		_, err := BuildBackends(s, secrets, nil, t.TempDir())
		if err == nil || !strings.Contains(err.Error(), missing) || strings.Contains(err.Error(), botToken) {
			t.Errorf("without %s: %v", missing, err)
		}
	}
}

// A desk that follows its settings sends a post queued for a destination
// since removed (copy and paste, before the WhatsApp channel was chosen)
// to the destinations now listed, once.
func TestFollowSettingsMovesTheQueueToTheListedDestinations(t *testing.T) {
	hook := newRecorder(t, status(200, `{"id":"hook-9"}`))
	sd := newSendDesk(t, map[string]Backend{"automation": newHook(hook.URL)})
	sd.d.Settings.Destinations = []settings.Destination{{Name: "automation", Kind: settings.KindWebhook, URL: hook.URL}}
	p, sends := sd.queued("Piscine", "manual")

	// Without the flag the run leaves the queue as it is.
	if r := sd.run(); r.Retargeted != 0 || sd.send(sends[0].ID).State != store.SendQueued {
		t.Fatalf("a dispatcher that does not follow the settings moved the queue: %+v", r)
	}
	sd.d.FollowSettings = true
	r := sd.run()
	if r.Retargeted != 1 || len(r.Sends) != 1 || r.Sends[0].Destination != "automation" || r.Sends[0].Result != ResultSent {
		t.Fatalf("report %+v", r)
	}
	if sd.send(sends[0].ID).State != store.SendCancelled {
		t.Error("the send to the removed destination is still queued")
	}
	if r := sd.run(); r.Retargeted != 0 || len(r.Sends) != 0 {
		t.Fatalf("a second run: %+v", r)
	}
	if len(hook.requests()) != 1 || sd.status(p.ID) != store.StatusSent {
		t.Fatalf("the hook saw %d requests; the post is %s", len(hook.requests()), sd.status(p.ID))
	}
}

// The internal title is the desk's own: whatever a destination receives,
// offline card included, never holds it.
func TestTheInternalTitleIsNeverSent(t *testing.T) {
	hook := newRecorder(t, status(200, `{}`))
	bot := newRecorder(t, telegramOK)
	outbox := filepath.Join(t.TempDir(), "outbox")
	dests := []string{"manual", "automation", "telegram"}
	sd := newSendDesk(t, map[string]Backend{
		"manual": NewManual(outbox, nil), "automation": newHook(hook.URL), "telegram": newBot(bot.URL),
	})
	p, err := sd.st.SavePost(store.Post{Title: "INTERNE réunion de mardi", Body: "La piscine ferme *lundi*.",
		Link: "https://valbourg.fr/piscine", Category: "service", Status: store.StatusReady})
	if err != nil {
		t.Fatal(err)
	}
	if p, err = sd.st.Validate(p.ID, p.Rev, "Camille"); err != nil {
		t.Fatal(err)
	}
	if _, err := sd.st.Queue(p.ID, dests, time.Now(), false, ""); err != nil {
		t.Fatal(err)
	}
	if r := sd.run(); len(r.Sends) != len(dests) {
		t.Fatalf("report %+v", r)
	}
	var received []string
	for _, r := range append(hook.requests(), bot.requests()...) {
		received = append(received, string(r.Body))
	}
	files, _ := os.ReadDir(outbox)
	for _, f := range files {
		text, _ := os.ReadFile(filepath.Join(outbox, f.Name()))
		received = append(received, string(text))
	}
	if len(received) != len(dests) {
		t.Fatalf("%d deliveries, want one to each destination", len(received))
	}
	for _, r := range received {
		if strings.Contains(r, "INTERNE") || !strings.Contains(r, "piscine") {
			t.Errorf("a destination received the internal title, or not the text: %s", r)
		}
	}
}

// A webhook answering 5xx may have acted before it failed: the send is
// unknown, never failed, and sending the post again after a person found
// it had not gone out carries the same idempotency key, so that a receiver
// which did take it drops the repeat. A corrected text is a new delivery,
// with a new key.
func TestRunDueWebhook5xxIsUnknownAndResendKeepsTheKey(t *testing.T) {
	busy := status(503, `busy`)
	hook := newRecorder(t, sequence(busy, busy, busy, status(200, `{"id":"h-1"}`), busy, busy, busy, status(200, `{"id":"h-2"}`)))
	sd := newSendDesk(t, map[string]Backend{"hook": newHook(hook.URL)})
	keys := func() []string {
		var out []string
		for _, r := range hook.requests() {
			out = append(out, r.Header.Get(HeaderIdempotency))
		}
		return out
	}
	// deliver runs the due sends and wants one result; a 5xx is unknown.
	deliver := func(want Result) {
		t.Helper()
		r := sd.run()
		if got := results(r); len(got) != 1 || got[0] != want {
			t.Fatalf("report %+v, want one send %s", r, want)
		}
	}
	// notSent is a person who looked at the channel and found nothing.
	notSent := func(sendID string) {
		t.Helper()
		if got := sd.send(sendID); got.State != store.SendUnknown {
			t.Fatalf("after a 5xx the send is %s, want unknown", got.State)
		}
		if r := sd.run(); len(r.Sends) != 0 || r.Problems() != 0 || len(r.Unresolved) != 1 {
			t.Fatalf("an unknown send was tried again by itself: %+v", r)
		}
		if _, err := sd.st.Resolve(sendID, false, "Camille"); err != nil {
			t.Fatal(err)
		}
	}

	// The same text sent again: the same key.
	p, sends := sd.queued("Marché", "hook")
	deliver(ResultUnknown)
	notSent(sends[0].ID)
	if _, err := sd.st.Queue(p.ID, []string{"hook"}, time.Now(), false, ""); err != nil {
		t.Fatal(err)
	}
	deliver(ResultSent)
	want := IdempotencyKey(p.ID, "hook", sd.send(sends[0].ID).Hash)
	if got := keys(); len(got) != 4 || got[0] != want || got[1] != want || got[2] != want || got[3] != want {
		t.Fatalf("keys %q, want the same %s on every attempt and on the resend", got, want)
	}

	// A corrected text, validated again, is another delivery: another key.
	// The first attempt is refused before anything is published (429), the
	// text corrected and validated again while the send waits.
	hook2 := newRecorder(t, sequence(status(429, ``, "Retry-After", "120"), status(200, `{"id":"h-2"}`)))
	sd.d.Backends["hook"] = newHook(hook2.URL)
	q, sends := sd.queued("Collecte", "hook")
	deliver(ResultWaiting)
	q, err := sd.st.Revoke(q.ID, "Camille")
	if err != nil {
		t.Fatal(err)
	}
	q.Body = "La collecte passe au *vendredi*."
	if q, err = sd.st.SavePost(q); err != nil {
		t.Fatal(err)
	}
	if q, err = sd.st.Validate(q.ID, q.Rev, "Camille"); err != nil {
		t.Fatal(err)
	}
	deliver(ResultSent)
	reqs := hook2.requests()
	before, after := reqs[0].Header.Get(HeaderIdempotency), reqs[1].Header.Get(HeaderIdempotency)
	if len(reqs) != 2 || before == after || after != IdempotencyKey(q.ID, "hook", q.Validation.Hash) || sd.send(sends[0].ID).Hash != q.Validation.Hash {
		t.Errorf("keys of the text %s and of its correction %s", before, after)
	}
}

// A destination whose certificate is not trusted fails on the first run,
// with what to fix, and is a problem for a person (send --due exits 1);
// it never waits in the queue as if the network were down.
func TestRunDueFailsOnACertificateNotTrusted(t *testing.T) {
	srv := quietTLS(t)
	sd := newSendDesk(t, map[string]Backend{"hook": newHook(srv.URL), "telegram": newBot(srv.URL)})
	p, sends := sd.queued("Marché", "hook", "telegram")
	r := sd.run()
	if got := results(r); len(got) != 2 || got[0] != ResultFailed || got[1] != ResultFailed || r.Problems() != 2 {
		t.Fatalf("report %+v", r)
	}
	for i, s := range r.Sends {
		if !strings.Contains(s.Err, "certificate is not signed by an authority this machine trusts") || s.Code != CodeTLSUntrusted {
			t.Errorf("send %d: %s %q", i, s.Code, s.Err)
		}
		if got := sd.send(sends[i].ID); got.State != store.SendFailed || len(got.Attempts) != 1 || got.Last().Code != string(CodeTLSUntrusted) {
			t.Errorf("send %d: %+v", i, got)
		}
	}
	if got := sd.status(p.ID); got != store.StatusFailed {
		t.Errorf("post is %s, want failed", got)
	}
	if r := sd.run(); len(r.Sends) != 0 {
		t.Errorf("a failed send was tried again: %+v", r)
	}
}
